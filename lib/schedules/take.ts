import { and, eq, gt, inArray, lte, ne, sql } from 'drizzle-orm';
import { config } from '../config';
import type { Db, Tx } from '../db';
import { accountSchedules, posts, xAccounts } from '../db/schema';
import { AppError, notFound } from '../errors';
import { upcomingSlots, type SlotSchedule } from './slots';

const DAY_MS = 24 * 3600_000;
/** Slots are looked at this many weeks at a time, so a nearly empty queue costs one small query. */
const CHUNK_MS = 8 * 7 * DAY_MS;

/** Statuses in which a post occupies its time on the account: a slot at that instant is not free. */
export const OCCUPYING_STATUSES = ['scheduled', 'queued', 'publishing'] as const;

/**
 * Serialises every change to one account's queue (taking, moving, swapping slots) for the rest of
 * the transaction. Whoever also needs the per-user lock (lib/posts/capacity) takes that one first.
 */
export async function lockQueue(tx: Tx, accountId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`herald:queue:${accountId}`}, 0))`);
}

/** The account's schedule and handle; another user's account is not found. */
export async function accountSchedule(tx: Db | Tx, userId: string, accountId: string): Promise<{ username: string; schedule: SlotSchedule | null }> {
  const [row] = await tx
    .select({ username: xAccounts.username, schedule: accountSchedules })
    .from(xAccounts)
    .leftJoin(accountSchedules, eq(accountSchedules.xAccountId, xAccounts.id))
    .where(and(eq(xAccounts.id, accountId), eq(xAccounts.userId, userId)));
  if (!row) throw notFound('Account');
  return { username: row.username, schedule: row.schedule };
}

/** Instants in (from, until] at which a post of the account waits, leaving out `exceptPostId`. */
export async function occupiedInstants(tx: Tx, accountId: string, from: Date, until: Date, exceptPostId?: string): Promise<Set<number>> {
  const rows = await tx
    .select({ at: posts.scheduledAt })
    .from(posts)
    .where(
      and(
        eq(posts.xAccountId, accountId),
        inArray(posts.status, OCCUPYING_STATUSES),
        gt(posts.scheduledAt, from),
        lte(posts.scheduledAt, until),
        exceptPostId ? ne(posts.id, exceptPostId) : undefined,
      ),
    );
  return new Set(rows.flatMap((r) => (r.at ? [r.at.getTime()] : [])));
}

/**
 * The account's next free slot after now, within SCHEDULE_HORIZON_DAYS, for a post being added to
 * its queue (`exceptPostId`: a post re-queued may land on its own slot again). A slot is free when
 * no waiting post of the account is at that instant. Takes the account's queue lock, so concurrent
 * adds each get a different slot; the caller writes the post in the same transaction.
 */
export async function takeQueueSlot(tx: Tx, userId: string, accountId: string, exceptPostId?: string): Promise<Date> {
  await lockQueue(tx, accountId);
  const { username, schedule } = await accountSchedule(tx, userId, accountId);
  if (!schedule || schedule.slots.length === 0) {
    throw new AppError(409, `@${username} has no posting schedule yet: add weekly time slots to its schedule first, or pick a time for this post.`);
  }
  const now = Date.now();
  const horizon = now + config().scheduleHorizonDays * DAY_MS;
  for (let start = now; start < horizon; start += CHUNK_MS) {
    const from = new Date(start);
    const until = new Date(Math.min(start + CHUNK_MS, horizon));
    const taken = await occupiedInstants(tx, accountId, from, until, exceptPostId);
    const free = upcomingSlots(schedule, from, until).find((at) => !taken.has(at.getTime()));
    if (free) return free;
  }
  throw new AppError(
    409,
    `Every slot in @${username}'s schedule for the next ${config().scheduleHorizonDays} days is taken: add slots to its schedule, or pick a time for this post.`,
  );
}
