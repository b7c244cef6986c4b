import { fileTypeFromBuffer } from 'file-type/core';
import { MEDIA_TYPES, type MediaKind } from '../x/rules';

/**
 * How much of a file's start is looked at: file-type's own sample size, which covers every type
 * it knows. The browser and the server both sniff exactly this much, so they always agree.
 */
export const SNIFF_BYTES = 4100;

export interface SniffedType {
  mimeType: string;
  kind: MediaKind;
}

/**
 * The file's real type from its first bytes (never the name or the client's content type), when
 * it is one X takes. file-type's core entry point reads nothing but the bytes given (no file
 * system), so this runs in the browser too.
 */
export async function sniffType(head: Uint8Array): Promise<SniffedType | null> {
  const found = await fileTypeFromBuffer(head.subarray(0, SNIFF_BYTES));
  const kind = found ? MEDIA_TYPES[found.mime] : undefined;
  return found && kind ? { mimeType: found.mime, kind } : null;
}

const ascii = (b: Uint8Array, start: number, end: number) => String.fromCharCode(...b.subarray(start, end));
const u16be = (b: Uint8Array, i: number) => (b[i]! << 8) | b[i + 1]!;
const u16le = (b: Uint8Array, i: number) => b[i]! | (b[i + 1]! << 8);
const u24le = (b: Uint8Array, i: number) => b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16);
const u32be = (b: Uint8Array, i: number) => ((b[i]! << 24) >>> 0) + (b[i + 1]! << 16) + (b[i + 2]! << 8) + b[i + 3]!;

/**
 * Width and height from an image's header, when they are in `head` (PNG, GIF, WebP always;
 * JPEG when its frame header is near the start). Null otherwise: dimensions are a nicety.
 */
export function imageDimensions(head: Uint8Array, mimeType: string): { width: number; height: number } | null {
  const b = head;
  switch (mimeType) {
    case 'image/png':
      return b.length >= 24 ? { width: u32be(b, 16), height: u32be(b, 20) } : null;
    case 'image/gif':
      return b.length >= 10 ? { width: u16le(b, 6), height: u16le(b, 8) } : null;
    case 'image/webp': {
      const chunk = b.length >= 16 ? ascii(b, 12, 16) : '';
      if (chunk === 'VP8L' ? b.length < 25 : b.length < 30) return null;
      if (chunk === 'VP8 ') return { width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
      if (chunk === 'VP8L') {
        const bits = b[21]! | (b[22]! << 8) | (b[23]! << 16) | (b[24]! << 24);
        return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
      }
      if (chunk === 'VP8X') return { width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 };
      return null;
    }
    case 'image/jpeg': {
      let i = 2;
      while (i + 9 < b.length) {
        if (b[i] !== 0xff) return null;
        const marker = b[i + 1]!;
        // Fill bytes and markers without a length.
        if (marker === 0xff) {
          i++;
          continue;
        }
        if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
          i += 2;
          continue;
        }
        const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
        if (isFrame) return { height: u16be(b, i + 5), width: u16be(b, i + 7) };
        i += 2 + u16be(b, i + 2);
      }
      return null;
    }
    default:
      return null;
  }
}
