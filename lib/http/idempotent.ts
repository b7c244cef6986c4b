import 'server-only';
import { createHash } from 'node:crypto';
import { AppError } from '../errors';
import { claimKey, completeKey, inProgress, releaseKey, type KeyUse, type StoredAnswer } from '../idempotency/keys';

export const sha256 = (text: string | Uint8Array) => createHash('sha256').update(text).digest('hex');

/**
 * What identifies a POST's body: the SHA-256 of a JSON body as sent (or of nothing, for a route
 * that reads none), or a body the handler streams itself (an upload), hashed as it is read.
 */
export type BodyPrint = { hash: string } | { streamed: { maxBytes: number } };

const differentRequest = () =>
  new AppError(422, 'This Idempotency-Key was already used with another request (another path or body); use a new key for a new request');

/**
 * Runs a POST that carries an Idempotency-Key at most once per key: the first request holds the
 * key while it runs (a second one meanwhile is a 409) and its successful answer is kept; the same
 * key and body within 24 hours gets that answer again, with `Idempotent-Replayed: true`, and
 * creates nothing. A failed answer frees the key: nothing was created, so a retry runs afresh.
 */
export async function idempotently(request: Request, use: Omit<KeyUse, 'bodyHash'>, print: BodyPrint, run: (request: Request) => Promise<Response>): Promise<Response> {
  const known = 'hash' in print ? print.hash : null;
  const claim = await claimKey({ ...use, bodyHash: known });
  if (claim.kind === 'seen') {
    if (claim.request !== use.request || (known !== null && claim.bodyHash !== null && claim.bodyHash !== known)) throw differentRequest();
    if (!claim.answer) throw inProgress();
    const hash = known ?? (await drainedHash(request, 'streamed' in print ? print.streamed.maxBytes : 0));
    if (claim.bodyHash !== hash) throw differentRequest();
    return replayed(claim.answer);
  }

  const hashing = 'streamed' in print ? hashedRequest(request) : null;
  let response: Response;
  try {
    response = await run(hashing?.request ?? request);
  } catch (error) {
    await releaseKey({ ...use, bodyHash: known });
    throw error;
  }
  if (response.status < 200 || response.status > 299) {
    await releaseKey({ ...use, bodyHash: known });
    return response;
  }
  const body = response.status === 204 ? null : await response.text();
  await completeKey({ ...use, bodyHash: known ?? hashing!.digest() }, { status: response.status, body, type: response.headers.get('content-type') });
  return new Response(body, { status: response.status, headers: response.headers });
}

function replayed(answer: StoredAnswer): Response {
  const headers = new Headers({ 'Idempotent-Replayed': 'true' });
  if (answer.type) headers.set('content-type', answer.type);
  return new Response(answer.body, { status: answer.status, headers });
}

interface Hasher {
  update(chunk: Uint8Array): void;
  digest(): string;
}

/**
 * The SHA-256 of a streamed body. A multipart body's boundary is chosen afresh for every request
 * (curl, browsers, FormData), so it is left out: the same file sent again hashes the same.
 */
export function bodyHasher(contentType: string | null): Hasher {
  const hash = createHash('sha256');
  const boundary = /boundary=(?:"([^"]{1,70})"|([^;\s]{1,70}))/i.exec(contentType ?? '');
  const cut = boundary ? Buffer.from(boundary[1] ?? boundary[2]!) : null;
  if (!cut) return { update: (chunk) => void hash.update(chunk), digest: () => hash.digest('hex') };
  // The last bytes of a chunk may be the start of a boundary that ends in the next one.
  let carry = Buffer.alloc(0);
  return {
    update(chunk) {
      const data = Buffer.concat([carry, chunk]);
      let from = 0;
      for (let at = data.indexOf(cut); at !== -1; at = data.indexOf(cut, from)) {
        hash.update(data.subarray(from, at));
        from = at + cut.length;
      }
      const keep = Math.max(from, data.length - (cut.length - 1));
      hash.update(data.subarray(from, keep));
      carry = Buffer.from(data.subarray(keep));
    },
    digest: () => hash.update(carry).digest('hex'),
  };
}

/** The request with its body hashed as the handler reads it. */
function hashedRequest(request: Request): { request: Request; digest: () => string } {
  const hash = bodyHasher(request.headers.get('content-type'));
  const body = request.body?.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        hash.update(chunk);
        controller.enqueue(chunk);
      },
    }),
  );
  const wrapped = new Request(request.url, { method: request.method, headers: request.headers, body, signal: request.signal, duplex: 'half' } as RequestInit);
  return { request: wrapped, digest: () => hash.digest() };
}

/** The SHA-256 of a streamed body a replay does not need, read to its end but never past `maxBytes`. */
async function drainedHash(request: Request, maxBytes: number): Promise<string> {
  const hash = bodyHasher(request.headers.get('content-type'));
  if (!request.body) return hash.digest();
  let size = 0;
  for await (const chunk of request.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.length;
    if (size > maxBytes) throw differentRequest();
    hash.update(chunk);
  }
  return hash.digest();
}
