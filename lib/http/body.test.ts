import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { jsonBody } from './body';

const LIMIT = 1024 * 1024;
const url = 'http://localhost:3000/api/v1/posts';

function post(body: BodyInit | null, headers: Record<string, string> = { 'content-type': 'application/json' }): Request {
  return new Request(url, { method: 'POST', body, headers, ...(body instanceof ReadableStream ? { duplex: 'half' } : {}) } as RequestInit);
}

/** A chunked body (no Content-Length) of `total` bytes, counting how much of it was pulled. */
function chunkedBody(total: number, chunk = 64 * 1024): { stream: ReadableStream<Uint8Array>; pulled: () => number } {
  let sent = 0;
  const piece = new Uint8Array(chunk).fill(0x61);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= total) return controller.close();
      const n = Math.min(chunk, total - sent);
      sent += n;
      controller.enqueue(piece.slice(0, n));
    },
  });
  return { stream, pulled: () => sent };
}

async function refusal(request: Request, limit = LIMIT): Promise<AppError> {
  const error = await jsonBody(request, limit).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe('jsonBody', () => {
  it('parses a JSON body, with or without a charset parameter', async () => {
    expect(await jsonBody(post('{"a":[1,2]}'), LIMIT)).toEqual({ a: [1, 2] });
    expect(await jsonBody(post('{"a":"é"}', { 'content-type': 'Application/JSON; charset=UTF-8' }), LIMIT)).toEqual({ a: 'é' });
  });

  it('takes a body of exactly the limit', async () => {
    const text = JSON.stringify({ t: 'x'.repeat(100 - 8) });
    expect(text).toHaveLength(100);
    expect(await jsonBody(post(text), 100)).toEqual({ t: 'x'.repeat(92) });
  });

  it('refuses another content type with 415, saying what to send', async () => {
    for (const type of ['text/plain', 'text/plain;charset=UTF-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonp']) {
      const error = await refusal(post('{"a":1}', { 'content-type': type }));
      expect(error.status).toBe(415);
      expect(error.message).toMatch(/Content-Type: application\/json/);
    }
    // No content type at all: fetch sends text/plain for a string body unless told otherwise.
    const bare = new Request(url, { method: 'POST', body: new Uint8Array([0x7b, 0x7d]) });
    expect(bare.headers.get('content-type')).toBeNull();
    expect((await refusal(bare)).status).toBe(415);
  });

  it('refuses a declared Content-Length over the limit with 413 before reading anything', async () => {
    const { stream, pulled } = chunkedBody(10 * LIMIT);
    const request = new Request(url, {
      method: 'POST',
      body: stream,
      duplex: 'half',
      headers: { 'content-type': 'application/json', 'content-length': String(10 * LIMIT) },
    } as RequestInit);
    const pulledBefore = pulled();
    const error = await refusal(request);
    expect(error.status).toBe(413);
    expect(error.message).toMatch(/over 1 MB.*send a smaller body/);
    // The stream may have been primed with a chunk or two, never read through.
    expect(pulled() - pulledBefore).toBeLessThanOrEqual(2 * 64 * 1024);
  });

  it('stops a chunked body with no Content-Length at the limit with 413', async () => {
    const { stream, pulled } = chunkedBody(20 * LIMIT);
    const request = post(stream);
    expect(request.headers.get('content-length')).toBeNull();
    const started = performance.now();
    const error = await refusal(request);
    expect(error.status).toBe(413);
    // Read up to the limit and a chunk or two past it (stream priming), never the 20 MB.
    expect(pulled()).toBeLessThanOrEqual(LIMIT + 3 * 64 * 1024);
    expect(performance.now() - started).toBeLessThan(100);
  });

  it('refuses a body that is not JSON, or empty, or not UTF-8, with 400', async () => {
    for (const body of ['{"a":', 'hello', '']) {
      const error = await refusal(post(body));
      expect(error.status).toBe(400);
    }
    expect((await refusal(post(new Uint8Array([0x22, 0xff, 0xfe, 0x22])))).message).toMatch(/UTF-8/);
    expect((await refusal(post('{"a":'))).message).toMatch(/not valid JSON/);
  });

  it('refuses a body that ends before its Content-Length (cut short in front of the route)', async () => {
    const request = new Request(url, {
      method: 'POST',
      body: '{"a":1}',
      headers: { 'content-type': 'application/json', 'content-length': '5000' },
    });
    const error = await refusal(request);
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/7 of the 5000 bytes/);
  });

  it('uses MAX_JSON_BODY_BYTES (1 MiB by default) when no limit is given', async () => {
    const over = JSON.stringify({ t: 'x'.repeat(LIMIT) });
    expect((await jsonBody(post(over)).catch((e: unknown) => e)) instanceof AppError).toBe(true);
    expect(await jsonBody(post(JSON.stringify({ t: 'x'.repeat(LIMIT - 100) })))).toEqual({ t: 'x'.repeat(LIMIT - 100) });
  });
});
