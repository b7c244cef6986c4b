import type { MediaKind } from './limits';

/** X's rule for one post: up to 4 images, or exactly 1 GIF, or exactly 1 video; no mixing. */
export const MAX_IMAGES_PER_PART = 4;

/** Null when a part may carry media of these kinds, else why not (one message). */
export function mediaRuleProblem(kinds: readonly MediaKind[]): string | null {
  const images = kinds.filter((k) => k === 'image').length;
  const gifs = kinds.filter((k) => k === 'gif').length;
  const videos = kinds.filter((k) => k === 'video').length;
  if (gifs + videos > 0 && kinds.length > 1) {
    if (images > 0) return 'A post with a GIF or a video cannot have images too.';
    if (gifs > 0 && videos > 0) return 'A post can have a GIF or a video, not both.';
    return gifs > 0 ? 'A post can have only one GIF.' : 'A post can have only one video.';
  }
  if (images > MAX_IMAGES_PER_PART) return `A post can have at most ${MAX_IMAGES_PER_PART} images.`;
  return null;
}

/**
 * What more a part with these kinds may take, for the composer: null when nothing more
 * (with the reason), else the kinds it still accepts.
 */
export function roomFor(kinds: readonly MediaKind[]): { accepts: MediaKind[]; reason: null } | { accepts: []; reason: string } {
  if (kinds.length === 0) return { accepts: ['image', 'gif', 'video'], reason: null };
  if (kinds.includes('gif')) return { accepts: [], reason: 'A post with a GIF can have nothing else attached.' };
  if (kinds.includes('video')) return { accepts: [], reason: 'A post with a video can have nothing else attached.' };
  if (kinds.length >= MAX_IMAGES_PER_PART) return { accepts: [], reason: `A post can have at most ${MAX_IMAGES_PER_PART} images.` };
  return { accepts: ['image'], reason: null };
}
