import { describe, expect, it } from 'vitest';
import { parseMultipart } from './multipart';

const BOUNDARY = 'sandbox-test-boundary';
const TYPE = `multipart/form-data; boundary=${BOUNDARY}`;

function part(headers: string, value: Buffer | string): Buffer {
  return Buffer.concat([Buffer.from(`--${BOUNDARY}\r\n${headers}\r\n`), Buffer.from(value), Buffer.from('\r\n')]);
}
const end = Buffer.from(`--${BOUNDARY}--\r\n`);

describe('multipart bodies', () => {
  const binary = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 13) % 256));
  binary.write(`\r\n--${BOUNDARY.slice(0, 8)}`, 500, 'latin1');

  it('reads what a browser sends: text fields and a binary file, whole', async () => {
    const form = new FormData();
    form.append('media_category', 'tweet_image');
    form.append('media', new Blob([new Uint8Array(binary)], { type: 'image/png' }), 'pic.png');
    const request = new Request('http://localhost/', { method: 'POST', body: form });
    const parsed = await parseMultipart(Buffer.from(await request.arrayBuffer()), request.headers.get('content-type')!);
    expect(parsed.fields).toEqual({ media_category: 'tweet_image' });
    expect(Object.keys(parsed.files)).toEqual(['media']);
    expect(parsed.files.media).toMatchObject({ filename: 'pic.png', contentType: 'image/png' });
    expect(parsed.files.media!.data.equals(binary)).toBe(true);
  });

  it('reads what twitter-api-v2 sends: media as application/octet-stream without a file name', async () => {
    const body = Buffer.concat([
      part('Content-Disposition: form-data; name="segment_index"\r\n', '3'),
      part('Content-Disposition: form-data; name="media"\r\nContent-Type: application/octet-stream\r\n', binary),
      end,
    ]);
    const parsed = await parseMultipart(body, TYPE);
    expect(parsed.fields).toEqual({ segment_index: '3' });
    expect(parsed.files.media).toEqual({ data: binary, contentType: 'application/octet-stream' });
  });

  it('decodes a base64 part, and keeps no content type busboy made up', async () => {
    const body = Buffer.concat([part('content-disposition: form-data; name="media"; filename="a"\r\ncontent-transfer-encoding: base64\r\n', binary.toString('base64')), end]);
    const parsed = await parseMultipart(body, TYPE);
    expect(parsed.files.media).toEqual({ data: binary, filename: 'a' });
  });

  it('refuses a body without a boundary, cut off, or with headers it cannot read', async () => {
    const whole = Buffer.concat([part('content-disposition: form-data; name="media"; filename="a"\r\n', binary), end]);
    await expect(parseMultipart(whole, 'multipart/form-data')).rejects.toThrow(/Boundary not found/);
    await expect(parseMultipart(whole.subarray(0, whole.length - 100), TYPE)).rejects.toThrow(/Unexpected end/);
    await expect(parseMultipart(Buffer.from('no parts at all'), TYPE)).rejects.toThrow(/Unexpected end/);
    await expect(parseMultipart(Buffer.concat([part('content-disposition form-data\r\n', 'x'), end]), TYPE)).rejects.toThrow(/Malformed part header/);
  });
});
