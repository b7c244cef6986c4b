/**
 * What X accepts on a post, shared by the API, the publisher and the composer (no Node or zod
 * imports: the browser bundles this file).
 */
export const MEDIA_KINDS = ['image', 'gif', 'video'] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

/** X's size limits per kind. */
export const MEDIA_MAX_BYTES: Readonly<Record<MediaKind, number>> = {
  image: 5 * 1024 * 1024,
  gif: 15 * 1024 * 1024,
  video: 512 * 1024 * 1024,
};

/** The largest file Herald takes at all (the video limit). */
export const MEDIA_MAX_UPLOAD_BYTES = MEDIA_MAX_BYTES.video;

/** The types Herald recognises from a file's first bytes, and their kinds. */
export const MEDIA_TYPES: Readonly<Record<string, MediaKind>> = {
  'image/jpeg': 'image',
  'image/png': 'image',
  'image/webp': 'image',
  'image/gif': 'gif',
  'video/mp4': 'video',
  'video/quicktime': 'video',
};

/** For the file picker's `accept`: a hint only, the server looks at the bytes. */
export const MEDIA_ACCEPT = [...Object.keys(MEDIA_TYPES), '.jpg', '.jpeg', '.png', '.webp', '.gif', '.mp4', '.mov'].join(',');

export const MEDIA_TYPES_TEXT = 'JPEG, PNG or WebP images, GIFs, and MP4 or MOV videos';

/** X's limit on alt text. */
export const ALT_TEXT_MAX_LENGTH = 1000;

const KIND_NAMES: Record<MediaKind, string> = { image: 'images', gif: 'GIFs', video: 'videos' };

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  const mb = bytes / (1024 * 1024);
  return `${mb < 10 ? mb.toFixed(1).replace(/\.0$/, '') : Math.round(mb)} MB`;
}

/** Null when the size is within X's limit for the kind, else a message a person can act on. */
export function sizeProblem(kind: MediaKind, bytes: number): string | null {
  const max = MEDIA_MAX_BYTES[kind];
  if (bytes <= max) return null;
  return `This file is ${formatBytes(bytes)}; X allows ${KIND_NAMES[kind]} up to ${formatBytes(max)}.`;
}

/** For a file refused while it streams in (its full size is not known yet). */
export function overLimitMessage(kind: MediaKind): string {
  return `This file is over ${formatBytes(MEDIA_MAX_BYTES[kind])}, X's limit for ${KIND_NAMES[kind]}.`;
}
