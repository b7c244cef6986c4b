import { describe, expect, it } from 'vitest';
import { MultipartError, multipartBoundary, readMultipart, type MultipartHeaders } from './multipart';

interface Part {
  headers: MultipartHeaders;
  data: Buffer;
}

async function* pieces(body: Buffer, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < body.length; i += size) yield body.subarray(i, i + size);
}

async function collect(body: AsyncIterable<Uint8Array>, boundary: string): Promise<Part[]> {
  const parts: Part[] = [];
  let chunks: Buffer[] = [];
  let headers: MultipartHeaders | null = null;
  for await (const event of readMultipart(body, boundary)) {
    if (event.type === 'part') [headers, chunks] = [event.part, []];
    else if (event.type === 'data') chunks.push(Buffer.from(event.chunk));
    else parts.push({ headers: headers!, data: Buffer.concat(chunks) });
  }
  return parts;
}

/** What a browser's FormData produces, encoded by the platform itself. */
async function encoded(form: FormData): Promise<{ body: Buffer; boundary: string }> {
  const request = new Request('http://localhost/', { method: 'POST', body: form });
  const boundary = multipartBoundary(request.headers.get('content-type'));
  return { body: Buffer.from(await request.arrayBuffer()), boundary: boundary! };
}

describe('streaming multipart reader', () => {
  const file = Buffer.alloc(300_000);
  for (let i = 0; i < file.length; i++) file[i] = (i * 7) % 256;
  // Bytes that look like the start of a delimiter must come through as data.
  file.write('\r\n--', 1000, 'latin1');
  file.write('\r\n-', file.length - 3, 'latin1');

  it('reads fields and a binary file, however the body is cut into pieces', async () => {
    const form = new FormData();
    form.append('note', 'héllo');
    form.append('file', new Blob([file], { type: 'image/png' }), 'pic "1".png');
    const { body, boundary } = await encoded(form);
    for (const size of [1, 7, 64, 4096, 65_536, body.length]) {
      const parts = await collect(pieces(body, size), boundary);
      expect(parts.map((p) => p.headers)).toEqual([
        { name: 'note', filename: null, contentType: null },
        { name: 'file', filename: expect.stringContaining('pic') as string, contentType: 'image/png' },
      ]);
      expect(parts[0]!.data.toString('utf8')).toBe('héllo');
      expect(parts[1]!.data.equals(file)).toBe(true);
    }
  });

  it('finds the boundary in a content type', () => {
    expect(multipartBoundary('multipart/form-data; boundary=abc123')).toBe('abc123');
    expect(multipartBoundary('multipart/form-data; charset=utf-8; boundary="a b"')).toBe('a b');
    expect(multipartBoundary('application/json')).toBeNull();
    expect(multipartBoundary('multipart/form-data')).toBeNull();
    expect(multipartBoundary(null)).toBeNull();
  });

  it('refuses a body that is cut off or has no parts', async () => {
    const { body, boundary } = await encoded((() => {
      const f = new FormData();
      f.append('file', new Blob([file]), 'x.bin');
      return f;
    })());
    await expect(collect(pieces(body.subarray(0, body.length - 200), 1000), boundary)).rejects.toThrow(MultipartError);
    await expect(collect(pieces(Buffer.from('just some text'), 4), boundary)).rejects.toThrow(/no parts/);
  });

  it('stops reading the source when the consumer stops', async () => {
    let returned = false;
    const { body, boundary } = await encoded((() => {
      const f = new FormData();
      f.append('file', new Blob([file]), 'x.bin');
      return f;
    })());
    const source: AsyncIterable<Uint8Array> = {
      [Symbol.asyncIterator]() {
        const inner = pieces(body, 1000);
        return {
          next: () => inner.next(),
          return: async () => {
            returned = true;
            return { done: true, value: undefined };
          },
        };
      },
    };
    for await (const event of readMultipart(source, boundary)) {
      if (event.type === 'data') break;
    }
    expect(returned).toBe(true);
  });
});
