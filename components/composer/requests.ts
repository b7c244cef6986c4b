import type { PostView } from '@/lib/posts/view';
import type { ComposerIntent } from './types';

export interface ComposerValues {
  accountId: string;
  texts: string[];
  /** Required for "schedule", ignored otherwise. */
  scheduledAt: Date | null;
}

export interface ApiRequest {
  method: 'POST' | 'PATCH';
  path: string;
  body: Record<string, unknown>;
}

const partsOf = (texts: string[]) => texts.map((text) => ({ text }));

/** POST /api/v1/posts: no time and no publishNow makes a draft. */
export function createRequest(intent: ComposerIntent, values: ComposerValues): ApiRequest {
  const body: Record<string, unknown> = { accountId: values.accountId, parts: partsOf(values.texts) };
  if (intent === 'schedule' && values.scheduledAt) body.scheduledAt = values.scheduledAt.toISOString();
  if (intent === 'now') body.publishNow = true;
  return { method: 'POST', path: '/api/v1/posts', body };
}

export function textsChanged(post: PostView, texts: string[]): boolean {
  return post.parts.length !== texts.length || post.parts.some((p, i) => p.text !== texts[i]);
}

/**
 * PATCH /api/v1/posts/{id}. Parts are sent only when they changed: a thread partly on X
 * refuses any new parts, yet can still be rescheduled. Null when there is nothing to send
 * (saving an unchanged draft as a draft).
 */
export function updateRequest(intent: ComposerIntent, post: PostView, values: ComposerValues): ApiRequest | null {
  const body: Record<string, unknown> = {};
  if (textsChanged(post, values.texts)) body.parts = partsOf(values.texts);
  if (intent === 'schedule' && values.scheduledAt) body.scheduledAt = values.scheduledAt.toISOString();
  if (intent === 'now') body.publishNow = true;
  // Saving as draft takes the post off the schedule, unless it already is a draft.
  if (intent === 'draft' && post.status !== 'draft') body.scheduledAt = null;
  if (Object.keys(body).length === 0) return null;
  return { method: 'PATCH', path: `/api/v1/posts/${post.id}`, body };
}
