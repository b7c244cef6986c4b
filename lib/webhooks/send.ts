import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { Target } from './address';

/** What is kept of a receiver's answer: enough to see what went wrong. */
export const RESPONSE_KEEP_BYTES = 4096;

export type SendResult = { status: number; body: string; location: string | null } | { error: string };

/**
 * A lookup that always answers the address that was checked: the socket can connect nowhere else,
 * whatever DNS says by now. Node asks with `all: true` when it races IPv4 and IPv6 (autoSelectFamily).
 */
function pinned(target: Target): LookupFunction {
  return (_host, options, callback) => {
    if (options.all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
}

/**
 * One POST to a checked target. The Host header and TLS server name stay the URL's host; redirects
 * are never followed (a 3xx is answered as it came); the whole exchange, from connecting to the
 * last kept byte, is bounded by `timeoutMs`, and at most RESPONSE_KEEP_BYTES of the answer are read.
 */
export function send(target: Target, body: string, headers: Record<string, string>, timeoutMs: number): Promise<SendResult> {
  const client = target.url.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: SendResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.destroy();
      resolve(result);
    };
    const request = client.request(
      target.url,
      {
        method: 'POST',
        // No keep-alive pool: each delivery connects to its own checked address.
        agent: false,
        lookup: pinned(target),
        headers: { ...headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        let kept = 0;
        const done = () =>
          finish({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), location: response.headers.location ?? null });
        response.on('data', (chunk: Buffer) => {
          chunks.push(chunk.subarray(0, RESPONSE_KEEP_BYTES - kept));
          kept += Math.min(chunk.length, RESPONSE_KEEP_BYTES - kept);
          if (kept >= RESPONSE_KEEP_BYTES) done();
        });
        response.on('end', done);
        response.on('error', done);
      },
    );
    const timer = setTimeout(() => finish({ error: `no answer within ${timeoutMs / 1000} s` }), timeoutMs);
    request.on('error', (error: NodeJS.ErrnoException) => finish({ error: `could not connect (${error.code ?? 'network error'})` }));
    request.end(body);
  });
}
