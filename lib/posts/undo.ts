import { and, eq, inArray } from 'drizzle-orm';
import { db, type Tx } from '../db';
import { isWaiting, posts, xAccounts, type Post } from '../db/schema';
import { AppError, notFound } from '../errors';
import { occupiedInstants, lockQueue } from '../schedules/take';
import { assertRoomToSchedule } from './capacity';
import { emitScheduled, somePartOnX, storedPartsHaveMedia } from './commands';
import { getPost } from './queries';
import { syncQueue } from './sync-queue';
import { verifyUndo, type UndoBefore } from './undo-token';
import type { PostView } from './view';

/**
 * Undo of a post's last change of time or status (Post now, Schedule, a move, a cancel) for a
 * few seconds after it: the answer to that action carries an offer, and POST /posts/undo with its
 * token puts every post it names back as it was, all or none. A created post goes back to a
 * draft rather than away: nothing the person typed is lost.
 */

/** The post as it was (a created one: a draft), as the columns to write back. */
function restored(b: UndoBefore | null) {
  if (!b) return { status: 'draft' as const, scheduledAt: null, queueSlot: false, attempts: 0, lastError: null, lastErrorClass: null, nextAttemptAt: null };
  return {
    status: b.s,
    scheduledAt: b.t === null ? null : new Date(b.t),
    queueSlot: b.q,
    attempts: b.a,
    lastError: b.e ?? null,
    lastErrorClass: b.c ?? null,
    nextAttemptAt: b.n === undefined ? null : new Date(b.n),
  };
}

export const STARTED = 'Publishing has started; it can no longer be undone';
export const CHANGED = 'The post changed since; nothing was undone';

async function refuseUnlessUndoable(tx: Tx, post: Post, revision: number): Promise<void> {
  if (post.status === 'publishing' || post.status === 'published' || (await somePartOnX(tx, post.id))) throw new AppError(409, STARTED);
  if (post.revision !== revision) throw new AppError(409, CHANGED);
}

/** Going back to waiting: the account must still be able to post, and a queue slot must still be free. */
async function refuseUnlessRoom(tx: Tx, userId: string, post: Post, to: ReturnType<typeof restored>, checked: Set<string>): Promise<void> {
  if (!isWaiting(to.status)) return;
  if (!isWaiting(post.status) && !checked.has('cap')) {
    checked.add('cap');
    await assertRoomToSchedule(tx, userId);
  }
  const [account] = await tx.select({ username: xAccounts.username, status: xAccounts.status }).from(xAccounts).where(eq(xAccounts.id, post.xAccountId));
  if (account?.status === 'disconnected') throw new AppError(409, `@${account.username} is disconnected since; reconnect it, then schedule the post again. Nothing was undone.`);
  if (!to.queueSlot || !to.scheduledAt) return;
  // The per-account queue lock, after the per-user one: the order every other path takes them in.
  await lockQueue(tx, post.xAccountId);
  const at = to.scheduledAt;
  const taken = await occupiedInstants(tx, post.xAccountId, new Date(at.getTime() - 1), at, post.id);
  if (taken.size > 0) throw new AppError(409, `Another post has taken its queue slot since (${at.toISOString()}); nothing was undone.`);
}

/** Puts back every post the token names, in one transaction: all of them, or (with the reason) none. */
export async function undoPosts(userId: string, token: string): Promise<PostView[]> {
  const offer = verifyUndo(token);
  // Someone else's token names posts that, for this user, do not exist.
  if (offer.u !== userId) throw notFound('Post');
  if (Date.now() > offer.x) throw new AppError(409, 'Too late to undo');

  // Locked in id order, as every multi-post path should, so two undos never wait on each other.
  const wanted = [...offer.p].sort((a, b) => (a.i < b.i ? -1 : a.i > b.i ? 1 : 0));
  const changed = await db().transaction(async (tx) => {
    const rows = await tx
      .select()
      .from(posts)
      .where(and(eq(posts.userId, userId), inArray(posts.id, wanted.map((w) => w.i))))
      .orderBy(posts.id)
      .for('update');
    const byId = new Map(rows.map((r) => [r.id, r]));
    const checked = new Set<string>();
    const out: { before: Post; after: Post; hasMedia: boolean }[] = [];
    for (const w of wanted) {
      const post = byId.get(w.i);
      if (!post) throw notFound('Post');
      await refuseUnlessUndoable(tx, post, w.r);
      const to = restored(w.b);
      await refuseUnlessRoom(tx, userId, post, to, checked);
      // The revision moves on: jobs queued for the undone action are stale and do nothing.
      const [after] = await tx
        .update(posts)
        .set({ ...to, revision: post.revision + 1, updatedAt: new Date() })
        .where(eq(posts.id, post.id))
        .returning();
      if (!after) throw notFound('Post');
      out.push({ before: post, after, hasMedia: await storedPartsHaveMedia(tx, post.id) });
    }
    return out;
  });
  for (const { before, after, hasMedia } of changed) await syncQueue(after, before, { hasMedia });
  const views = await Promise.all(offer.p.map((p) => getPost(userId, p.i)));
  // Back on the schedule (an undone cancel) is news for webhooks, as any scheduling is.
  for (const view of views) await emitScheduled(userId, view, changed.find((c) => c.after.id === view.id)?.before);
  return views;
}
