import type { PostView } from '@/lib/posts/view';
import { MAX_THREAD_PARTS, mediaRuleProblem } from '@/lib/x/rules';
import { liveItems, type MediaItem } from './media-items';
import type { PartKinds } from './part-kinds';

/**
 * Reordering, splitting and merging one post's parts, for the reducer (./state) and for the
 * buttons that say beforehand why they can't (./thread-tools). Pure.
 *
 * A part already on X (a thread that failed half-way; the composer's `lockedAt` is `isLocked`) is known
 * by its index in the saved post: nothing may move it, nor move anything across it, split it or
 * merge it, or the index would name another part.
 *
 * The shapes are ./state's PartState and PostDraft as far as these need them (state imports this
 * module, so it can't import state back); generic, so a part keeps every field it has.
 */

export interface ThreadPart {
  key: number;
  text: string;
  media: MediaItem[];
  kinds: PartKinds;
}

export interface ThreadDraft<P extends ThreadPart = ThreadPart> {
  parts: P[];
  saved: PostView | null;
}

/** Whether the part at `index` is already on X. */
export const isLocked = (draft: ThreadDraft, index: number): boolean => Boolean(draft.saved?.parts[index]?.xPostId);

const anyLocked = (draft: ThreadDraft, from: number, to: number) => {
  for (let i = Math.min(from, to); i <= Math.max(from, to); i++) if (isLocked(draft, i)) return true;
  return false;
};

/** The parts with the part at `from` moved to index `to`; null when it may not move there. */
export function moveParts<P extends ThreadPart>(draft: ThreadDraft<P>, from: number, to: number): P[] | null {
  const { parts } = draft;
  if (from === to || from < 0 || from >= parts.length || to < 0 || to >= parts.length || anyLocked(draft, from, to)) return null;
  const moved = [...parts];
  const [part] = moved.splice(from, 1);
  moved.splice(to, 0, part!);
  return moved;
}

/** Why the part at `index` cannot become `count` parts, or null. */
export function splitProblem(draft: ThreadDraft, index: number, count: number): string | null {
  if (anyLocked(draft, index, draft.parts.length - 1)) return 'A part already on X, or one before it, cannot be split.';
  if (draft.parts.length - 1 + count > MAX_THREAD_PARTS) return `A thread has at most ${MAX_THREAD_PARTS} posts.`;
  return null;
}

/**
 * The part at `index` replaced by one part per text: the first is the part itself (its key, its
 * media and everything else it carries) with the first text; the rest are `blank` parts, keys
 * from `nextKey`.
 */
export function splitParts<P extends ThreadPart>(draft: ThreadDraft<P>, index: number, texts: string[], nextKey: number, blank: (key: number, text: string) => P): P[] {
  const part = draft.parts[index]!;
  const pieces = texts.map((text, i): P => (i === 0 ? { ...part, text } : blank(nextKey + i - 1, text)));
  return [...draft.parts.slice(0, index), ...pieces, ...draft.parts.slice(index + 1)];
}

const keepsSomething = (part: ThreadPart) => Object.values(part.kinds).some((v) => v !== null);

/**
 * Why the post's parts cannot become one, or null. The merged part carries every part's media,
 * so X's media rule decides (four images at most, a GIF or a video alone); a poll, quote or
 * reply target on a later part would have nowhere to go.
 */
export function mergeProblem(draft: ThreadDraft): string | null {
  const { parts } = draft;
  if (parts.length < 2) return 'There is only one post.';
  if (anyLocked(draft, 0, parts.length - 1)) return 'Part of this thread is already on X.';
  if (parts.slice(1).some(keepsSomething)) return 'A later post has a poll, a quote or a reply target that one post could not keep.';
  const kinds = parts.flatMap((p) => liveItems(p.media).map((m) => m.kind));
  if (parts[0]!.kinds.poll && kinds.length > 0) return 'The first post has a poll, and a post with a poll cannot carry the others’ media.';
  const media = mediaRuleProblem(kinds);
  if (media) return `Their media together break X’s rule: ${media}`;
  return null;
}

/** The post's parts as one: the first part with `text` and every part's media. */
export function mergeParts<P extends ThreadPart>(draft: ThreadDraft<P>, text: string): P[] {
  const [first] = draft.parts;
  return [{ ...first!, text, media: draft.parts.flatMap((p) => p.media) }];
}
