import { describe, expect, it } from 'vitest';
import { mp4, png } from '../../x-sandbox/test-support';
import { imageDimensions, SNIFF_BYTES, sniffType } from './sniff';

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

describe('sniffing the real type from the first bytes', () => {
  it('recognises JPEG, PNG, WebP, GIF, MP4 and MOV', async () => {
    expect(await sniffType(bytes([0xff, 0xd8, 0xff, 0xe0], '\0\x10JFIF\0'))).toEqual({ mimeType: 'image/jpeg', kind: 'image' });
    expect(await sniffType(png(10, 10))).toEqual({ mimeType: 'image/png', kind: 'image' });
    expect(await sniffType(bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 '))).toEqual({ mimeType: 'image/webp', kind: 'image' });
    expect(await sniffType(bytes('GIF89a', [1, 0, 1, 0]))).toEqual({ mimeType: 'image/gif', kind: 'gif' });
    expect(await sniffType(bytes('GIF87a', [1, 0, 1, 0]))).toEqual({ mimeType: 'image/gif', kind: 'gif' });
    expect(await sniffType(mp4(64))).toEqual({ mimeType: 'video/mp4', kind: 'video' });
    expect(await sniffType(bytes([0, 0, 0, 20], 'ftypqt  ', [0, 0, 0, 0]))).toEqual({ mimeType: 'video/quicktime', kind: 'video' });
    expect(await sniffType(bytes([0, 0, 0, 8], 'wide'))).toEqual({ mimeType: 'video/quicktime', kind: 'video' });
  });

  it('refuses every other type, and bytes it cannot place', async () => {
    expect(await sniffType(bytes('<svg xmlns="http://www.w3.org/2000/svg">'))).toBeNull();
    expect(await sniffType(bytes('%PDF-1.7\n'))).toBeNull();
    expect(await sniffType(bytes('<!doctype html>'))).toBeNull();
    expect(await sniffType(bytes([0x1a, 0x45, 0xdf, 0xa3], 'webm.........'))).toBeNull();
    // HEIC and AVIF are ISO media files too, but still images X does not take.
    expect(await sniffType(bytes([0, 0, 0, 24], 'ftypheic', [0, 0, 0, 0]))).toBeNull();
    expect(await sniffType(bytes([0, 0, 0, 24], 'ftypavif', [0, 0, 0, 0]))).toBeNull();
    // Scripts and programs, whatever they are called.
    expect(await sniffType(bytes('#!/bin/sh\nrm -rf ~\n'))).toBeNull();
    expect(await sniffType(bytes('<script>alert(1)</script>'))).toBeNull();
    expect(await sniffType(bytes([0x7f], 'ELF', [2, 1, 1, 0], Array.from({ length: 56 }, () => 0)))).toBeNull();
    expect(await sniffType(bytes('MZ', Array.from({ length: 62 }, () => 0)))).toBeNull();
    expect(await sniffType(bytes('PK', [3, 4], Array.from({ length: 26 }, () => 0)))).toBeNull();
    // ISO media files that are not MP4 or MOV: an M4A song, a 3GP clip.
    expect(await sniffType(bytes([0, 0, 0, 24], 'ftypM4A ', [0, 0, 0, 0]))).toBeNull();
    expect(await sniffType(bytes([0, 0, 0, 24], 'ftyp3gp4', [0, 0, 0, 0]))).toBeNull();
    expect(await sniffType(new Uint8Array())).toBeNull();
    expect(await sniffType(bytes([0xff, 0xd8]))).toBeNull();
  });
});

describe('what decides', () => {
  const chunk = (type: string, length: number) => Buffer.concat([bytes([0, 0, (length >> 8) & 0xff, length & 0xff], type), Buffer.alloc(length + 4)]);

  it('only the first SNIFF_BYTES, as the browser sees them: what follows cannot change the answer', async () => {
    const script = Buffer.from('<script>alert(1)</script>');
    expect(await sniffType(Buffer.concat([png(10, 10, SNIFF_BYTES), script]))).toEqual({ mimeType: 'image/png', kind: 'image' });
    // An animated PNG says so in an acTL chunk: refused when it is within the first bytes...
    const ihdr = png(10, 10);
    expect(await sniffType(Buffer.concat([ihdr, chunk('acTL', 8), chunk('IDAT', 10)]))).toBeNull();
    // ...and taken as the PNG it also is when it comes later, on the server as in the browser.
    const late = Buffer.concat([ihdr, chunk('tEXt', 5000), chunk('acTL', 8), chunk('IDAT', 10)]);
    expect(await sniffType(late)).toEqual({ mimeType: 'image/png', kind: 'image' });
  });
});

describe('image dimensions from the header', () => {
  it('reads PNG, GIF and JPEG sizes', () => {
    expect(imageDimensions(png(800, 600), 'image/png')).toEqual({ width: 800, height: 600 });
    expect(imageDimensions(bytes('GIF89a', [0x40, 0x01, 0xf0, 0x00]), 'image/gif')).toEqual({ width: 320, height: 240 });
    const jpeg = bytes(
      [0xff, 0xd8],
      [0xff, 0xe0, 0x00, 0x10], 'JFIF\0', [1, 1, 0, 0, 1, 0, 1, 0, 0],
      [0xff, 0xc0, 0x00, 0x11, 0x08, 0x01, 0xe0, 0x02, 0x80, 0x03],
      [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    );
    expect(imageDimensions(jpeg, 'image/jpeg')).toEqual({ width: 640, height: 480 });
  });

  it('reads the WebP variants', () => {
    const header = (chunk: string, rest: number[]) => bytes('RIFF', [0, 0, 0, 0], 'WEBP', chunk, [0, 0, 0, 0], rest);
    expect(imageDimensions(header('VP8X', [0, 0, 0, 0, 0x3f, 0x01, 0x00, 0xef, 0x00, 0x00]), 'image/webp')).toEqual({ width: 320, height: 240 });
    // VP8L: 14 bits width-1, 14 bits height-1 after the 0x2f signature.
    const bits = (320 - 1) | ((240 - 1) << 14);
    expect(imageDimensions(header('VP8L', [0x2f, bits & 0xff, (bits >> 8) & 0xff, (bits >> 16) & 0xff, (bits >>> 24) & 0xff, 0, 0, 0, 0]), 'image/webp')).toEqual({
      width: 320,
      height: 240,
    });
    expect(imageDimensions(header('VP8 ', [0, 0, 0, 0x9d, 0x01, 0x2a, 0x40, 0x01, 0xf0, 0x00]), 'image/webp')).toEqual({ width: 320, height: 240 });
  });

  it('gives up quietly on a header it cannot read', () => {
    expect(imageDimensions(bytes([0xff, 0xd8, 0x00, 0x00, 0, 0, 0, 0, 0, 0, 0, 0]), 'image/jpeg')).toBeNull();
    expect(imageDimensions(png(1, 1).subarray(0, 20), 'image/png')).toBeNull();
    expect(imageDimensions(mp4(64), 'video/mp4')).toBeNull();
  });
});
