import type { PostView } from '@/lib/posts/view';
import type { ComposerIntent } from './types';

/** One media item as the API takes it: an uploaded file's id and its alt text. */
export interface PartMediaValue {
  id: string;
  altText: string;
}

export interface PartValue {
  text: string;
  media: PartMediaValue[];
}

export interface ComposerValues {
  accountId: string;
  parts: PartValue[];
  /** Required for "schedule", ignored otherwise. */
  scheduledAt: Date | null;
}

export interface ApiRequest {
  method: 'POST' | 'PATCH';
  path: string;
  body: Record<string, unknown>;
}

function mediaOf(media: PartMediaValue[]) {
  return media.map((m) => {
    const altText = m.altText.trim();
    return altText ? { id: m.id, altText } : { id: m.id };
  });
}

/** The API's parts: `media` only on parts that have some. */
const partsOf = (parts: PartValue[]) => parts.map((p) => (p.media.length > 0 ? { text: p.text, media: mediaOf(p.media) } : { text: p.text }));

/** POST /api/v1/posts: no time and no publishNow makes a draft. */
export function createRequest(intent: ComposerIntent, values: ComposerValues): ApiRequest {
  const body: Record<string, unknown> = { accountId: values.accountId, parts: partsOf(values.parts) };
  if (intent === 'schedule' && values.scheduledAt) body.scheduledAt = values.scheduledAt.toISOString();
  if (intent === 'now') body.publishNow = true;
  return { method: 'POST', path: '/api/v1/posts', body };
}

/** Whether the parts (text, media or alt text) differ from the saved post's. */
export function partsChanged(post: PostView, parts: PartValue[]): boolean {
  if (post.parts.length !== parts.length) return true;
  return post.parts.some((saved, i) => {
    const part = parts[i]!;
    if (saved.text !== part.text || saved.media.length !== part.media.length) return true;
    return saved.media.some((m, j) => m.id !== part.media[j]!.id || (m.altText ?? '') !== part.media[j]!.altText.trim());
  });
}

/**
 * PATCH /api/v1/posts/{id}. Parts are sent only when they changed: a thread partly on X
 * refuses any new parts, yet can still be rescheduled. Null when there is nothing to send
 * (saving an unchanged draft as a draft).
 */
export function updateRequest(intent: ComposerIntent, post: PostView, values: ComposerValues): ApiRequest | null {
  const body: Record<string, unknown> = {};
  if (partsChanged(post, values.parts)) body.parts = partsOf(values.parts);
  if (intent === 'schedule' && values.scheduledAt) body.scheduledAt = values.scheduledAt.toISOString();
  if (intent === 'now') body.publishNow = true;
  // Saving as draft takes the post off the schedule, unless it already is a draft.
  if (intent === 'draft' && post.status !== 'draft') body.scheduledAt = null;
  if (Object.keys(body).length === 0) return null;
  return { method: 'PATCH', path: `/api/v1/posts/${post.id}`, body };
}
