import type { PostView } from '@/lib/posts/view';
import type { ReplySetting } from '@/lib/x/rules';
import type { CreatePostBody, UpdatePostBody } from '../api/client';
import { kindsBody, kindsChanged, NO_KINDS, type PartKinds } from './part-kinds';
import type { ComposerIntent } from './types';

/** One media item as the API takes it: an uploaded file's id and its alt text. */
export interface PartMediaValue {
  id: string;
  altText: string;
}

export interface PartValue {
  text: string;
  media: PartMediaValue[];
  /** Poll, quote and reply target; none when absent. */
  kinds?: PartKinds;
}

export interface ComposerValues {
  accountId: string;
  parts: PartValue[];
  /** Who may reply; null (or absent): everyone. */
  replySettings?: ReplySetting | null;
  /** Required for "schedule", ignored otherwise. */
  scheduledAt: Date | null;
}

type PartBody = NonNullable<UpdatePostBody['parts']>[number];

function partBody(part: PartValue): PartBody {
  const extras = kindsBody(part.kinds ?? NO_KINDS);
  if (part.media.length === 0) return { text: part.text, ...extras };
  const media = part.media.map(({ id, altText }) => (altText.trim() ? { id, altText: altText.trim() } : { id }));
  return { text: part.text, media, ...extras };
}

/**
 * Post now from the composer goes out this much later, like an email's "undo send": the toast's
 * Undo can then still stop it. (The API's publishNow stays immediate, for programs.)
 */
export const POST_NOW_DELAY_MS = 10_000;

/** The intents as the API says them: a time, "now" (a few seconds ahead), the queue, or none of them (a draft). */
function when(intent: ComposerIntent, scheduledAt: Date | null): { scheduledAt?: string; publishNow?: true; queue?: true } {
  if (intent === 'schedule' && scheduledAt) return { scheduledAt: scheduledAt.toISOString() };
  if (intent === 'now') return { scheduledAt: new Date(Date.now() + POST_NOW_DELAY_MS).toISOString() };
  if (intent === 'queue') return { queue: true };
  return {};
}

/** POST /api/v1/posts: no time and no publishNow makes a draft. */
export function createBody(intent: ComposerIntent, values: ComposerValues): CreatePostBody {
  return {
    accountId: values.accountId,
    parts: values.parts.map(partBody),
    // Absent is everyone: the body stays as small as what was asked for.
    ...(values.replySettings ? { replySettings: values.replySettings } : {}),
    ...when(intent, values.scheduledAt),
  };
}

/** Whether the parts (text, media, alt text, poll, quote or reply target) differ from the saved post's. */
export function partsChanged(post: PostView, parts: PartValue[]): boolean {
  if (post.parts.length !== parts.length) return true;
  return post.parts.some((saved, i) => {
    const part = parts[i]!;
    if (saved.text !== part.text || saved.media.length !== part.media.length) return true;
    if (kindsChanged(saved, part.kinds ?? NO_KINDS)) return true;
    return saved.media.some((m, j) => m.id !== part.media[j]!.id || (m.altText ?? '') !== part.media[j]!.altText.trim());
  });
}

/** Whether who may reply differs from the saved post's. */
export const replySettingsChanged = (post: PostView, values: ComposerValues): boolean => (values.replySettings ?? null) !== post.replySettings;

/**
 * PATCH /api/v1/posts/{id}. Parts and who may reply are sent only when they changed: a thread partly on X
 * refuses any new parts, yet can still be rescheduled. Null when there is nothing to send
 * (saving an unchanged draft as a draft).
 */
export function updateBody(intent: ComposerIntent, post: PostView, values: ComposerValues): UpdatePostBody | null {
  const replySettings = values.replySettings ?? null;
  const body: UpdatePostBody = {
    ...(partsChanged(post, values.parts) ? { parts: values.parts.map(partBody) } : {}),
    // null opens replies to everyone again.
    ...(replySettingsChanged(post, values) ? { replySettings } : {}),
    ...when(intent, values.scheduledAt),
    // Saving as draft takes the post off the schedule, unless it already is a draft.
    ...(intent === 'draft' && post.status !== 'draft' ? { scheduledAt: null } : {}),
  };
  return Object.keys(body).length === 0 ? null : body;
}
