import { describe, expect, it } from 'vitest';
import { bodyHasher } from './idempotent';

const form = (boundary: string) => `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\nPNG bytes -- with dashes --\r\n--${boundary}--\r\n`;

function hashInPieces(contentType: string, body: string, cuts: number[]): string {
  const bytes = Buffer.from(body);
  const hasher = bodyHasher(contentType);
  let from = 0;
  for (const at of [...cuts, bytes.length]) {
    hasher.update(bytes.subarray(from, at));
    from = at;
  }
  return hasher.digest();
}

describe("a streamed body's hash", () => {
  it('leaves out the multipart boundary, wherever the chunks split it', () => {
    const a = `multipart/form-data; boundary=----formdata-undici-0${'1'.repeat(10)}`;
    const b = 'multipart/form-data; boundary="X-BOUNDARY-2"';
    const whole = hashInPieces(a, form(`----formdata-undici-0${'1'.repeat(10)}`), []);
    expect(hashInPieces(b, form('X-BOUNDARY-2'), [])).toBe(whole);
    const body = form('X-BOUNDARY-2');
    for (let i = 1; i < body.length; i++) expect(hashInPieces(b, body, [i]), `cut at ${i}`).toBe(whole);
    expect(hashInPieces(b, body, [3, 4, 5, 40, 41, 90])).toBe(whole);
  });

  it('tells different files apart, and hashes other bodies as they are', () => {
    const type = 'multipart/form-data; boundary=x1';
    expect(hashInPieces(type, form('x1'), [])).not.toBe(hashInPieces(type, form('x1').replace('PNG', 'GIF'), []));
    expect(hashInPieces('application/octet-stream', 'abc', [1])).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
