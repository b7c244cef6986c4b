import { config } from '../config';
import { AppError } from '../errors';

/** `1 MB`, `64 KB`, `1500 bytes`: limits as people read them. */
function formatLimit(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes} bytes`;
}

const tooLarge = (limit: number) => new AppError(413, `The body is over ${formatLimit(limit)}, the most this API reads in one request; send a smaller body.`);

/** The media type of a Content-Type header, lower case, without parameters (charset and the like). */
function mediaType(contentType: string | null): string {
  return (contentType ?? '').split(';', 1)[0]!.trim().toLowerCase();
}

/**
 * A route's JSON body, read with a cap: `request.json()` would read any size and take any
 * content type (a cross-site `text/plain` form post parses as JSON). 415 for another content
 * type; 413 beyond the cap, by Content-Length before reading anything, else as soon as the
 * stream passes it (a chunked body never grows past the cap in memory); 400 for anything not JSON.
 * What is left of a refused body is simply not read: Node's server discards it once the
 * answer is sent.
 */
export async function jsonBody(request: Request, limit: number = config().maxJsonBodyBytes): Promise<unknown> {
  return (await jsonBodyWithText(request, limit)).value;
}

/** As jsonBody, with the text it was parsed from (an Idempotency-Key compares bodies as sent). */
export async function jsonBodyWithText(request: Request, limit: number = config().maxJsonBodyBytes): Promise<{ value: unknown; text: string }> {
  const type = mediaType(request.headers.get('content-type'));
  if (type !== 'application/json') {
    throw new AppError(415, `Send the body as JSON with the header Content-Type: application/json (this request says ${type ? type.slice(0, 100) : 'nothing'}).`);
  }
  const declared = request.headers.get('content-length')?.trim();
  const declaredBytes = declared && /^\d+$/.test(declared) ? Number(declared) : null;
  if (declaredBytes !== null && declaredBytes > limit) throw tooLarge(limit);
  const body = await readCapped(request.body, limit);
  // A clean end short of Content-Length: something in front (Next's proxy buffer) cut the body.
  if (declaredBytes !== null && body.bytes < declaredBytes) {
    throw new AppError(400, `The body ended after ${body.bytes} of the ${declaredBytes} bytes its Content-Length announced; send it whole.`);
  }
  if (body.text.trim() === '') throw new AppError(400, 'The body is empty; send a JSON object.');
  try {
    return { value: JSON.parse(body.text) as unknown, text: body.text };
  } catch {
    throw new AppError(400, 'The body is not valid JSON; check its syntax (JSON.stringify writes it correctly).');
  }
}

/** The body as UTF-8 text, no longer read once it passes `limit` bytes. */
async function readCapped(stream: ReadableStream<Uint8Array> | null, limit: number): Promise<{ text: string; bytes: number }> {
  if (!stream) return { text: '', bytes: 0 };
  const reader = stream.getReader();
  // fatal: a body that is not UTF-8 is not JSON (RFC 8259), rather than silently mangled text.
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const decode = (chunk?: Uint8Array) => {
    try {
      return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
    } catch {
      throw new AppError(400, 'The body is not UTF-8 text; JSON must be sent as UTF-8.');
    }
  };
  const parts: string[] = [];
  let bytes = 0;
  try {
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch {
        throw new AppError(400, 'The body could not be read to its end; send it again.');
      }
      if (chunk.done) break;
      bytes += chunk.value.byteLength;
      if (bytes > limit) throw tooLarge(limit);
      parts.push(decode(chunk.value));
    }
    parts.push(decode());
  } finally {
    reader.releaseLock();
  }
  return { text: parts.join(''), bytes };
}
