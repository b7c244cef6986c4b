import type { PostView } from '@/lib/posts/view';
import { IN_FLIGHT_STATUSES } from './types';

/**
 * When the calendar asks the server again. Posts change by themselves (the worker publishes
 * them), so the calendar polls while one on screen still may; but most of the time nothing
 * changes for minutes, and asking every few seconds then only costs the server. So: poll fast
 * right after something changed or the person acted, double the wait while answers come back
 * the same, and be fast again while a post is about to go out. Pure, so the numbers are tested.
 */

/** The wait right after a change or an action, and while a post is about to change. */
export const POLL_FAST_MS = 3_000;
/** The longest wait: a post that changes unexpectedly (another tab, the admin) shows within this. */
export const POLL_MAX_MS = 60_000;
/** A post due this soon may change any moment: worth polling fast for. */
export const DUE_SOON_MS = 60_000;
/**
 * A post past its moment by more than this is stuck (worker down, queue lost) rather than about
 * to change: polling fast would not make it move, so it gets the backed-off pace again.
 */
export const SETTLE_MS = 2 * 60_000;

/** What the policy reads of a post. */
export type PolledPost = Pick<PostView, 'id' | 'status' | 'revision' | 'updatedAt' | 'scheduledAt' | 'nextAttemptAt'>;

/** Two answers with the same fingerprint show the same thing as far as polling cares. */
export function answerFingerprint(posts: readonly PolledPost[]): string {
  return posts.map((p) => `${p.id}:${p.status}:${p.revision}:${p.updatedAt}`).join('|');
}

const time = (iso: string | null): number | null => (iso === null ? null : Date.parse(iso));

/**
 * When the worker may next change this post (ms since the epoch), or null if it will not by
 * itself. Server timestamps against the browser's clock: a skewed clock only costs speed.
 */
export function nextChangeAt(post: PolledPost): number | null {
  if (!IN_FLIGHT_STATUSES.has(post.status)) return null;
  // A claimed post has been publishing since its last update.
  if (post.status === 'publishing') return time(post.updatedAt);
  // A queued post waits for its retry (a 429 can make that minutes), or goes out now.
  if (post.status === 'queued') return time(post.nextAttemptAt) ?? time(post.scheduledAt) ?? time(post.updatedAt);
  return time(post.scheduledAt);
}

/** Whether some post is within the window where it may change any moment. */
export function isDueSoon(posts: readonly PolledPost[], now: number): boolean {
  return posts.some((p) => {
    const at = nextChangeAt(p);
    return at !== null && at >= now - SETTLE_MS && at <= now + DUE_SOON_MS;
  });
}

/** How long until the first post enters the due-soon window (Infinity when none will). */
export function msUntilDueSoon(posts: readonly PolledPost[], now: number): number {
  let soonest = Infinity;
  for (const post of posts) {
    const at = nextChangeAt(post);
    if (at !== null && at > now + DUE_SOON_MS) soonest = Math.min(soonest, at - DUE_SOON_MS - now);
  }
  return soonest;
}

export interface PollInput {
  /** The wait used before this answer; null for the first answer. */
  previousMs: number | null;
  /** The answer differs from the one before, or it follows something the person did. */
  fresh: boolean;
  /** The posts on screen, as just answered. */
  posts: readonly PolledPost[];
  now: number;
}

/** The wait before the next poll, or null when nothing on screen can change by itself. */
export function nextPollDelay({ previousMs, fresh, posts, now }: PollInput): number | null {
  if (!posts.some((p) => IN_FLIGHT_STATUSES.has(p.status))) return null;
  if (previousMs === null || fresh || isDueSoon(posts, now)) return POLL_FAST_MS;
  const backedOff = Math.min(Math.max(previousMs, POLL_FAST_MS) * 2, POLL_MAX_MS);
  // Never sleep past the moment a post becomes due soon: its fast polling would start late.
  return Math.max(POLL_FAST_MS, Math.min(backedOff, msUntilDueSoon(posts, now)));
}
