/**
 * The browser's typed client for Herald's JSON API (/api/v1): the same API programs use, so there
 * is one path to test and to trust. Request bodies are the server's own zod schemas' input types
 * and answers its view types, imported as types only (no server code reaches the browser).
 * Components call these functions and never write an API path themselves.
 */
import type { z } from 'zod';
import type { MediaView } from '@/lib/media/view';
import type { AttemptView } from '@/lib/posts/attempts';
import type { createPostGroupInput } from '@/lib/posts/group-input';
import type { PostGroupView } from '@/lib/posts/groups';
import type { CostsView } from '@/lib/posts/costs';
import type { createPostInput, listPostsInput, updatePostInput } from '@/lib/posts/input';
import type { UndoOffer } from '@/lib/posts/undo-token';
import type { PostView } from '@/lib/posts/view';
import type { queueMoveInput, queueQuery, scheduleInput } from '@/lib/schedules/input';
import type { QueueView, ScheduleView } from '@/lib/schedules/view';
import type { createTokenInput } from '@/lib/tokens/input';
import type { TokenView } from '@/lib/tokens/view';
import type { createWebhookInput } from '@/lib/webhooks/input';
import type { WebhookView } from '@/lib/webhooks/view';
import { field, group, issuedToken, list, nothing, page, type ApiResult, type Reader } from './result';
import { send, sendFile, type UploadOptions } from './transport';

export type { ApiFailure, ApiResult, FieldErrors } from './result';
export { describeFailure } from './result';

export type CreatePostBody = z.input<typeof createPostInput>;
export type UpdatePostBody = z.input<typeof updatePostInput>;
export type CreateTokenBody = z.input<typeof createTokenInput>;
export type CreateWebhookBody = z.input<typeof createWebhookInput>;
export type CreatePostGroupBody = z.input<typeof createPostGroupInput>;
export type ListPostsQuery = z.input<typeof listPostsInput>;
export type ScheduleBody = z.input<typeof scheduleInput>;
/** The query's schema coerces any input; the client sends a number. */
export type QueueQuery = { weeks?: z.output<typeof queueQuery>['weeks'] };
/** ISO instants: the posts scheduled in [from, to), at most 62 days apart. */
export type CostsQuery = { from: string; to: string };
/** `slot` is an ISO instant (a slot's `at`). */
export type QueueMoveBody = z.input<typeof queueMoveInput>;

const post = field<PostView>('post');

/** A post as created or changed, and the offer to undo that for a few seconds (null: nothing to undo). */
export interface Undoable {
  post: PostView;
  undo: UndoOffer | null;
}
export type { UndoOffer };

function readOffer(value: unknown): UndoOffer | null {
  const offer = value as Partial<Record<keyof UndoOffer, unknown>> | null | undefined;
  return typeof offer === 'object' && offer !== null && typeof offer.token === 'string' && typeof offer.expiresAt === 'string' ? (offer as UndoOffer) : null;
}

const undoablePost: Reader<Undoable> = (body) => {
  const value = post(body);
  return value ? { post: value, undo: readOffer((body as { undo?: unknown }).undo) } : undefined;
};
/** A group as created, with its one offer to undo (null: nothing to undo). */
const undoableGroup: Reader<PostGroupView & { undo: UndoOffer | null }> = (body) => {
  const value = group<PostGroupView>()(body);
  return value ? { groupId: value.groupId, posts: value.posts, undo: readOffer((body as { undo?: unknown }).undo) } : undefined;
};
const postPath = (id: string) => `/api/v1/posts/${encodeURIComponent(id)}`;
const accountPath = (id: string) => `/api/v1/accounts/${encodeURIComponent(id)}`;

function query(values: ListPostsQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value !== undefined && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** 50 pages of 200: far more than a calendar screen shows; past it the list is cut, not the browser. */
const LIST_ALL_MAX_PAGES = 50;

async function listAll(filter: Omit<ListPostsQuery, 'cursor' | 'limit'>, maxPages: number): Promise<ApiResult<PostView[]>> {
  const found: PostView[] = [];
  let cursor: string | undefined;
  for (let n = 0; n < maxPages; n++) {
    const result = await send('GET', `/api/v1/posts${query({ ...filter, cursor, limit: 200 })}`, page<PostView>('posts'));
    if (!result.ok) return result;
    found.push(...result.data.items);
    if (result.data.nextCursor === null) break;
    cursor = result.data.nextCursor;
  }
  return { ok: true, status: 200, data: found };
}

export const posts = {
  /**
   * `queue: true` (instead of a time) takes the account's next free queue slot: the answer's post
   * then has `queueSlot` set and `scheduledAt` is that slot (the server also says it as `queueSlot`).
   */
  /** One page (at most `limit`, 200); `nextCursor` asks for the next. */
  list: (filter: ListPostsQuery) => send('GET', `/api/v1/posts${query(filter)}`, page<PostView>('posts')),
  /** Every post matching, page after page, up to `maxPages` full pages (the calendar's range). */
  listAll: (filter: Omit<ListPostsQuery, 'cursor' | 'limit'>, maxPages = LIST_ALL_MAX_PAGES) => listAll(filter, maxPages),
  get: (id: string) => send('GET', postPath(id), post),
  create: (body: CreatePostBody) => send('POST', '/api/v1/posts', undoablePost, body),
  update: (id: string, body: UpdatePostBody) => send('PATCH', postPath(id), undoablePost, body),
  /** Sends back an answer's `undo.token` within its seconds: the posts it names, as they were again. */
  undo: (token: string) => send('POST', '/api/v1/posts/undo', list<PostView>('posts'), { token }),
  remove: (id: string) => send('DELETE', postPath(id), nothing),
  /** Queues a failed post again (its owner, or an admin for anyone's). */
  retry: (id: string) => send('POST', `${postPath(id)}/retry`, post),
  /** The post's publish attempts, newest first (its owner only). */
  attempts: (id: string) => send('GET', `${postPath(id)}/attempts`, list<AttemptView>('attempts')),
};

const groupPath = (id: string) => `/api/v1/post-groups/${encodeURIComponent(id)}`;

export const postGroups = {
  /** One post per account, saved together (all or none): each account its own wording. */
  create: (body: CreatePostGroupBody) => send('POST', '/api/v1/post-groups', undoableGroup, body),
  /** The posts composed together with this group id. */
  get: (groupId: string) => send('GET', groupPath(groupId), group<PostGroupView>()),
};

export const media = {
  upload: (file: File, options?: UploadOptions) => sendFile('/api/v1/media', file, field<MediaView>('media'), options),
  /** The file itself, for previews (an <img> src). */
  url: (id: string) => `/api/v1/media/${encodeURIComponent(id)}`,
};

export const schedules = {
  get: (accountId: string) => send('GET', `${accountPath(accountId)}/schedule`, field<ScheduleView>('schedule')),
  /** Replaces the weekly slots, zone and blackout dates; posts already queued keep their times. */
  put: (accountId: string, body: ScheduleBody) => send('PUT', `${accountPath(accountId)}/schedule`, field<ScheduleView>('schedule'), body),
};

export const queue = {
  /** The coming slots (`weeks` 1–12, the server's default 2) with the waiting post in each. */
  list: (accountId: string, { weeks }: QueueQuery = {}) =>
    send('GET', `${accountPath(accountId)}/queue${weeks === undefined ? '' : `?weeks=${encodeURIComponent(String(weeks))}`}`, field<QueueView>('queue')),
  /** Drops a queued post on a slot: a free one moves it, one held by another queued post swaps the two. Answers the posts changed. */
  move: (accountId: string, body: QueueMoveBody) => send('POST', `${accountPath(accountId)}/queue/move`, list<PostView>('posts'), body),
};

export const costs = {
  /** What X bills or will bill for the posts scheduled in [from, to), per account and in all. */
  get: ({ from, to }: CostsQuery) =>
    send('GET', `/api/v1/costs?${new URLSearchParams({ from, to }).toString()}`, field<CostsView>('costs')),
};

const tokenPath = (id: string) => `/api/v1/tokens/${encodeURIComponent(id)}`;

/** A new token's answer: its view and, this once, the token itself. */
export type CreatedToken = TokenView & { token: string };

/** Personal API tokens, from the browser session (a token never manages tokens). */
export const tokens = {
  list: () => send('GET', '/api/v1/tokens', list<TokenView>('tokens')),
  create: (body: CreateTokenBody) => send('POST', '/api/v1/tokens', issuedToken<CreatedToken>(), body),
  revoke: (id: string) => send('DELETE', tokenPath(id), field<TokenView>('token')),
};

const webhookPath = (id: string) => `/api/v1/webhooks/${encodeURIComponent(id)}`;

/** A new webhook's answer: its view and, this once, its signing secret. */
export type CreatedWebhook = WebhookView & { secret: string };
const issuedWebhook: Reader<CreatedWebhook> = (body) => {
  const value = body as Partial<Record<keyof CreatedWebhook, unknown>> | null;
  return typeof value === 'object' && value !== null && typeof value.id === 'string' && typeof value.secret === 'string' ? (value as CreatedWebhook) : undefined;
};

/** Webhooks, from the browser session (a token never manages them). */
export const webhooks = {
  list: () => send('GET', '/api/v1/webhooks', list<WebhookView>('webhooks')),
  create: (body: CreateWebhookBody) => send('POST', '/api/v1/webhooks', issuedWebhook, body),
  remove: (id: string) => send('DELETE', webhookPath(id), nothing),
};
