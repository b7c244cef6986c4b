import type { PostView } from '../posts/view';

/** What Herald tells users and their webhooks about. */
export const EVENT_TYPES = ['post.scheduled', 'post.published', 'post.failed', 'account.reconnect_needed'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** The account an `account.reconnect_needed` event is about. */
export interface EventAccount {
  id: string;
  username: string;
  reason: string;
}

/** One event, for one user. `data` is what webhook deliveries carry under `data`. */
export type HeraldEvent = { userId: string } & (
  | { type: 'post.scheduled' | 'post.published' | 'post.failed'; data: { post: PostView } }
  | { type: 'account.reconnect_needed'; data: { account: EventAccount } }
);
