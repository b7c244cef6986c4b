import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { MAX_FORM_BYTES, readFileForm, type FileSink } from './upload-form';
import { refusal } from '@/tests/support/refusal';

const BOUNDARY = 'herald-test-boundary';
const CONTENT_TYPE = `multipart/form-data; boundary=${BOUNDARY}`;

/** A sink that keeps what it gets; `hold` makes each write wait until released. */
function collecting(hold?: Promise<void>) {
  const chunks: Buffer[] = [];
  const sink: FileSink = {
    async write(chunk) {
      await hold;
      chunks.push(Buffer.from(chunk));
    },
    tooLarge: () => new AppError(400, 'too large'),
  };
  return { sink, received: () => Buffer.concat(chunks) };
}

/** A body handed out in pieces of `size`, counting what was read from it. */
function pieces(body: Uint8Array, size: number) {
  let offset = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= body.length) controller.close();
      else {
        controller.enqueue(body.subarray(offset, offset + size));
        offset += size;
      }
    },
  });
  return { stream, read: () => Math.min(offset, body.length) };
}

const request = (body: BodyInit, contentType: string | null = CONTENT_TYPE) =>
  new Request('http://localhost/api/v1/media', { method: 'POST', body, headers: contentType ? { 'content-type': contentType } : {}, duplex: 'half' } as RequestInit);

type Part = { name: string; filename?: string; type?: string; headers?: string; value: Buffer | string };

/** A multipart body written out by hand, so a test can make it as wrong as it likes. */
function form(parts: Part[], { close = true } = {}): Uint8Array<ArrayBuffer> {
  const out: Buffer[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${p.filename === undefined ? '' : `; filename="${p.filename}"`}`;
    const headers = p.headers ?? `content-disposition: ${disposition}\r\n${p.type ? `content-type: ${p.type}\r\n` : ''}`;
    out.push(Buffer.from(`--${BOUNDARY}\r\n${headers}\r\n`), Buffer.from(p.value), Buffer.from('\r\n'));
  }
  if (close) out.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return new Uint8Array(Buffer.concat(out));
}

const file = (value: Buffer | string, name = 'file'): Part => ({ name, filename: 'upload.bin', type: 'application/octet-stream', value });

// Bytes that look like the start of a delimiter must come through as data.
const binary = Buffer.alloc(300_000);
for (let i = 0; i < binary.length; i++) binary[i] = (i * 7) % 256;
binary.write(`\r\n--${BOUNDARY.slice(0, 10)}`, 1000, 'latin1');
binary.write('\r\n-', binary.length - 3, 'latin1');

describe('reading an upload form', () => {
  it('hands the file over whole, however the body is cut into pieces', async () => {
    const body = form([file(binary)]);
    for (const size of [1, 7, 64, 4096, 65_536, body.length]) {
      const { sink, received } = collecting();
      await readFileForm(request(pieces(body, size).stream), sink);
      expect(received().equals(binary)).toBe(true);
    }
  });

  it('reads what a browser sends (FormData, encoded by the platform)', async () => {
    const data = new FormData();
    data.append('file', new Blob([new Uint8Array(binary)], { type: 'image/png' }), 'pic "1".png');
    const { sink, received } = collecting();
    await readFileForm(new Request('http://localhost/', { method: 'POST', body: data }), sink);
    expect(received().equals(binary)).toBe(true);
  });

  it('reads no further than the file’s consumer: a slow disk holds the upload back', async () => {
    const big = Buffer.alloc(16 * 1024 * 1024, 1);
    const source = pieces(form([file(big)]), 64 * 1024);
    let release!: () => void;
    const { sink, received } = collecting(new Promise((resolve) => (release = resolve)));
    const reading = readFileForm(request(source.stream), sink);
    // However long the consumer takes, the form stays a few pieces ahead of it, no more.
    for (let turn = 0; turn < 200; turn++) await new Promise((resolve) => setImmediate(resolve));
    expect(source.read()).toBeLessThan(1024 * 1024);
    release();
    await reading;
    expect(received().length).toBe(big.length);
  });
});

describe('refusing a form, with a message a person can act on', () => {
  it('refuses a body that is not multipart, or has no boundary', async () => {
    const { sink } = collecting();
    for (const type of ['multipart/form-data', 'application/json', 'multipart/mixed; boundary=x', null]) {
      const error = await refusal(readFileForm(request(form([file('x')]), type), sink));
      expect([error.status, error.message]).toEqual([400, 'Send the file as multipart/form-data, in a field named "file".']);
    }
  });

  it('refuses a body cut off in the middle of the file, or with no parts at all', async () => {
    const whole = form([file(binary)]);
    const { sink, received } = collecting();
    const cut = await refusal(readFileForm(request(pieces(whole.subarray(0, whole.length - 200), 1000).stream), sink));
    expect(cut.message).toBe('The upload was cut off before the end of the form; send the file again.');
    expect(received().length).toBeLessThan(binary.length);

    const unclosed = await refusal(readFileForm(request(form([file('abc')], { close: false })), collecting().sink));
    expect(unclosed.message).toMatch(/cut off/);
    const text = await refusal(readFileForm(request('just some text'), collecting().sink));
    expect(text.message).toMatch(/^The form has no complete part/);
    expect((await refusal(readFileForm(request(''), collecting().sink))).message).toMatch(/^The form has no complete part/);
  });

  it('refuses an upload whose sender goes away half way', async () => {
    const whole = form([file(binary)]);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 100_000) controller.error(new Error('aborted'));
        else controller.enqueue(whole.subarray(sent, (sent += 10_000)));
      },
    });
    const error = await refusal(readFileForm(request(body), collecting().sink));
    expect([error.status, error.message]).toEqual([400, 'The upload was cut off before the end of the form; send the file again.']);
  });

  it('refuses an upload whose sender goes quiet and hangs up', async () => {
    const whole = form([file(binary)]);
    const hangUp = new AbortController();
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(whole.subarray(0, 100_000)); // and nothing more, ever
      },
    });
    const { sink, received } = collecting();
    const reading = readFileForm(new Request('http://localhost/', { method: 'POST', body, signal: hangUp.signal, headers: { 'content-type': CONTENT_TYPE }, duplex: 'half' } as RequestInit), sink);
    // Once what was sent has reached the file's consumer, the sender goes away.
    while (received().length === 0) await new Promise((resolve) => setImmediate(resolve));
    hangUp.abort();
    const error = await refusal(reading);
    expect([error.status, error.message]).toEqual([400, 'The upload was cut off before the end of the form; send the file again.']);
  });

  it('refuses two files in one form', async () => {
    const error = await refusal(readFileForm(request(form([file('one'), file('two', 'other')])), collecting().sink));
    expect(error.message).toBe('Send one file per upload.');
    expect((await refusal(readFileForm(request(form([file('one'), file('two')])), collecting().sink))).message).toBe('Send one file per upload.');
  });

  it('refuses a file in another field, or text in the file field', async () => {
    const { sink, received } = collecting();
    expect((await refusal(readFileForm(request(form([file('abc', 'media')])), sink))).message).toBe('No file: send it in a form field named "file".');
    expect(received().length).toBe(0);
    expect((await refusal(readFileForm(request(form([{ name: 'file', value: 'hello' }])), sink))).message).toBe(
      'The field "file" holds text: send the file itself, with a file name.',
    );
  });

  it('refuses an unknown field, before the file is read when it comes first', async () => {
    const before = collecting();
    const first = await refusal(readFileForm(request(form([{ name: 'note', value: 'hi' }, file(binary)])), before.sink));
    expect([first.status, first.message]).toEqual([400, 'Unknown form field "note": send only the file, in a field named "file".']);
    expect(before.received().length).toBe(0);
    const after = await refusal(readFileForm(request(form([file('abc'), { name: 'mimeType', value: 'image/png' }])), collecting().sink));
    expect(after.message).toBe('Unknown form field "mimeType": send only the file, in a field named "file".');
  });

  it('refuses a huge field value without keeping it', async () => {
    const value = Buffer.alloc(8 * 1024 * 1024, 'x');
    const error = await refusal(readFileForm(request(pieces(form([{ name: 'note', value }, file('abc')]), 65_536).stream), collecting().sink));
    expect([error.status, error.message]).toEqual([400, 'Unknown form field "note": send only the file, in a field named "file".']);
  });

  it('refuses a form of many parts, named or not', async () => {
    const fields = Array.from({ length: 20 }, (_, i): Part => ({ name: `f${i}`, value: 'v' }));
    const many = await refusal(readFileForm(request(form([...fields, file('abc')])), collecting().sink));
    expect(many.message).toBe('Send the file alone: a form with more than 8 parts is refused.');
    // Parts without a Content-Disposition are neither fields nor files, and count all the same.
    const anonymous = Array.from({ length: 20 }, (): Part => ({ name: '', headers: 'content-type: text/plain\r\n', value: 'v' }));
    const { sink, received } = collecting();
    expect((await refusal(readFileForm(request(form([...anonymous, file('abc')])), sink))).message).toMatch(/more than 8 parts/);
    expect(received().length).toBe(0);
    // Seven of them beside the file are fine.
    const fine = collecting();
    await readFileForm(request(form([...anonymous.slice(0, 7), file('abc')])), fine.sink);
    expect(fine.received().toString()).toBe('abc');
  });

  it('refuses part headers it cannot read, or too long to', async () => {
    const message = 'Malformed form data: the headers of a part could not be read.';
    const noColon = await refusal(readFileForm(request(form([{ name: 'file', headers: 'content-disposition form-data\r\n', value: 'abc' }])), collecting().sink));
    expect([noColon.status, noColon.message]).toEqual([400, message]);
    const long = `content-disposition: form-data; name="file"; filename="a"\r\nx-pad: ${'a'.repeat(100_000)}\r\n`;
    expect((await refusal(readFileForm(request(form([{ name: 'file', headers: long, value: 'abc' }])), collecting().sink))).message).toBe(message);
  });

  it('passes on the consumer’s refusal, and its own failures as they are', async () => {
    const refusing: FileSink = { write: () => Promise.reject(new AppError(400, 'Unsupported file type')), tooLarge: () => new AppError(400, 'x') };
    expect((await refusal(readFileForm(request(form([file(binary)])), refusing))).message).toBe('Unsupported file type');
    const broken: FileSink = { write: () => Promise.reject(new Error('ENOSPC: no space left on device')), tooLarge: () => new AppError(400, 'x') };
    const error = await readFileForm(request(form([file(binary)])), broken).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(AppError);
    expect((error as Error).message).toMatch(/ENOSPC/);
  });

  it('stops reading a form larger than the most Herald takes', async () => {
    // A field 8 MB past the cap, generated as it is read: busboy keeps 1 KB of it, the cap stops it.
    const chunk = Buffer.alloc(1024 * 1024, 'x');
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(Buffer.from(`--${BOUNDARY}\r\ncontent-disposition: form-data; name="note"\r\n\r\n`));
      },
      pull(controller) {
        if (sent > MAX_FORM_BYTES + 8 * chunk.length) {
          controller.enqueue(form([file('abc')]));
          controller.close();
          return;
        }
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const error = await refusal(readFileForm(request(body), collecting().sink));
    expect([error.status, error.message]).toEqual([413, "This upload is over 512 MB, the most Herald takes at once (X's limit for videos)."]);
    expect(sent).toBeLessThan(MAX_FORM_BYTES + 4 * chunk.length);
  });
});
