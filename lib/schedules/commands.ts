import { and, eq, inArray, ne } from 'drizzle-orm';
import { config } from '../config';
import { db, type Tx } from '../db';
import { accountSchedules, posts, type Post } from '../db/schema';
import { AppError, notFound } from '../errors';
import { storedPartsHaveMedia } from '../posts/commands';
import { getPost } from '../posts/queries';
import { syncQueue } from '../posts/sync-queue';
import type { PostView } from '../posts/view';
import type { QueueMoveInput, ScheduleInput } from './input';
import { defaultTimeZone } from './queries';
import { upcomingSlots } from './slots';
import { OCCUPYING_STATUSES, accountSchedule, lockQueue } from './take';
import type { ScheduleView } from './view';

/**
 * Replaces an account's schedule. Posts already queued keep their times: a slot taken stays taken
 * even when the schedule no longer has it (the queue lists them as off schedule). The zone is
 * fixed here, so a later change of the user's own zone never moves an account's posting times.
 */
export async function putSchedule(userId: string, accountId: string, input: ScheduleInput): Promise<ScheduleView> {
  const timeZone = input.timeZone ?? (await defaultTimeZone(userId));
  const values = { timeZone, slots: input.slots, blackoutDates: input.blackoutDates ?? [], updatedAt: new Date() };
  await db().transaction(async (tx) => {
    await lockQueue(tx, accountId);
    await accountSchedule(tx, userId, accountId);
    await tx
      .insert(accountSchedules)
      .values({ xAccountId: accountId, ...values })
      .onConflictDoUpdate({ target: accountSchedules.xAccountId, set: values });
  });
  return { accountId, timeZone, slots: values.slots, blackoutDates: values.blackoutDates };
}

/** The account's waiting post at an instant other than `exceptPostId`, if any. */
async function holderAt(tx: Tx, accountId: string, at: Date, exceptPostId: string): Promise<Post | null> {
  const [row] = await tx
    .select()
    .from(posts)
    .where(and(eq(posts.xAccountId, accountId), eq(posts.scheduledAt, at), inArray(posts.status, OCCUPYING_STATUSES), ne(posts.id, exceptPostId)))
    .limit(1);
  return row ?? null;
}

async function moved(tx: Tx, post: Post, changes: Partial<Post>): Promise<Post> {
  const [row] = await tx
    .update(posts)
    .set({ ...changes, revision: post.revision + 1, updatedAt: new Date() })
    .where(eq(posts.id, post.id))
    .returning();
  if (!row) throw notFound('Post');
  return row;
}

function refuseUnlessQueued(post: Post, which: string): void {
  if (post.status === 'publishing') throw new AppError(409, `${which} is being published right now; it can no longer be moved.`);
  if (!(post.status === 'scheduled' || post.status === 'queued') || !post.queueSlot) {
    throw new AppError(409, `${which} is not in the queue: only posts added to the queue move between its slots. Give it a time instead.`);
  }
}

/**
 * Drops a queued post on one of the account's upcoming slots, in one transaction: a free slot moves
 * it there; a slot held by another queued post swaps the two. Rows are locked before the queue lock
 * (the order updatePost takes them in), so the two never wait on each other.
 */
export async function moveInQueue(userId: string, accountId: string, input: QueueMoveInput): Promise<{ posts: PostView[] }> {
  const changes = await db().transaction(async (tx) => {
    const pairs = await moveLocked(tx, userId, accountId, input);
    return Promise.all(pairs.map(async (c) => ({ ...c, hasMedia: await storedPartsHaveMedia(tx, c.after.id) })));
  });
  for (const { before, after, hasMedia } of changes) await syncQueue(after, before, { hasMedia });
  const ids = changes.length ? changes.map((c) => c.after.id) : [input.postId];
  return { posts: await Promise.all(ids.map((id) => getPost(userId, id))) };
}

async function moveLocked(tx: Tx, userId: string, accountId: string, input: QueueMoveInput): Promise<{ before: Post; after: Post }[]> {
  const seen = await holderAt(tx, accountId, input.slot, input.postId);
  const ids = [input.postId, ...(seen ? [seen.id] : [])].sort();
  const locked = await tx
    .select()
    .from(posts)
    .where(and(inArray(posts.id, ids), eq(posts.userId, userId), eq(posts.xAccountId, accountId)))
    .orderBy(posts.id)
    .for('update');
  await lockQueue(tx, accountId);
  const { schedule } = await accountSchedule(tx, userId, accountId);

  const post = locked.find((p) => p.id === input.postId);
  if (!post) throw notFound('Post');
  refuseUnlessQueued(post, 'This post');
  const isSlot = schedule !== null && upcomingSlots(schedule, new Date(input.slot.getTime() - 1), input.slot).length === 1;
  const ahead = input.slot.getTime() - Date.now();
  if (!isSlot || ahead <= 0 || ahead > config().scheduleHorizonDays * 24 * 3600_000) {
    throw new AppError(400, 'Invalid input', { slot: ["Not one of this account's upcoming slots: pick one from its queue"] });
  }
  if (post.scheduledAt?.getTime() === input.slot.getTime()) return [];

  const holder = await holderAt(tx, accountId, input.slot, post.id);
  if (holder?.id !== seen?.id) throw new AppError(409, 'The queue changed meanwhile: reload it and try again.');
  if (!holder) return [{ before: post, after: await moved(tx, post, { scheduledAt: input.slot }) }];

  if (!holder.queueSlot && holder.status !== 'publishing') {
    throw new AppError(409, 'A post given that exact time by hand is in that slot: give it another time first, or pick another slot.');
  }
  refuseUnlessQueued(holder, 'The post in that slot');
  // One at a time past the unique index on queued slots: the holder steps out of it first.
  const away = await moved(tx, holder, { scheduledAt: post.scheduledAt, queueSlot: false });
  const after = await moved(tx, post, { scheduledAt: input.slot });
  const [back] = await tx.update(posts).set({ queueSlot: true }).where(eq(posts.id, holder.id)).returning();
  return [
    { before: post, after },
    { before: holder, after: back ?? away },
  ];
}
