import { and, eq, sql } from 'drizzle-orm';
import { actorIsAdmin, type Actor } from '../auth/actor';
import { db, type Tx } from '../db';
import { isWaiting as waiting, postParts, posts, xAccounts, type PartMedia, type Post } from '../db/schema';
import { AppError, notFound } from '../errors';
import { emit } from '../events/emit';
import { takeQueueSlot } from '../schedules/take';
import { assertRoomToSchedule } from './capacity';
import { refuseSameAsGroup } from './group-content';
import type { CreatePostInput, PartInput, UpdatePostInput } from './input';
import { checkedPartMedia } from './media';
import { getPost } from './queries';
import { syncQueue } from './sync-queue';
import { assertPartsFitAccount } from './text';
import { undoOffer, type UndoOffer } from './undo-token';
import type { PostView } from './view';

async function lockOwnPost(tx: Tx, userId: string, postId: string): Promise<Post> {
  const [post] = await tx
    .select()
    .from(posts)
    .where(and(eq(posts.id, postId), eq(posts.userId, userId)))
    .for('update');
  if (!post) throw notFound('Post');
  return post;
}

/**
 * Tells the owner's webhooks (and notifications) that a post now waits to be published: when it
 * became scheduled or queued, or its time changed. An edit of its text alone is not news. After
 * the commit, with the post as the API returns it.
 */
export async function emitScheduled(userId: string, view: PostView, before?: Pick<Post, 'status' | 'scheduledAt'>): Promise<void> {
  if (!waiting(view.status)) return;
  if (before && waiting(before.status) && before.scheduledAt?.toISOString() === view.scheduledAt) return;
  await emit({ userId, type: 'post.scheduled', data: { post: view } });
}

function refuseWhilePublishing(post: Post): void {
  if (post.status === 'publishing') throw new AppError(409, 'This post is being published right now; it can no longer be changed.');
  if (post.status === 'published') throw new AppError(409, 'This post is already published.');
}

const hasMedia = (parts: readonly PartInput[]) => parts.some((p) => (p.media?.length ?? 0) > 0);

export async function storedPartsHaveMedia(tx: Tx, postId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: postParts.id })
    .from(postParts)
    .where(and(eq(postParts.postId, postId), sql`${postParts.media} <> '[]'::jsonb`))
    .limit(1);
  return Boolean(row);
}

export async function somePartOnX(tx: Tx, postId: string): Promise<boolean> {
  const [row] = await tx
    .select({ position: postParts.position })
    .from(postParts)
    .where(and(eq(postParts.postId, postId), sql`${postParts.xPostId} is not null`))
    .limit(1);
  return Boolean(row);
}

function partRows(postId: string, parts: readonly PartInput[], media: PartMedia[][]) {
  return parts.map((p, position) => ({
    postId,
    position,
    text: p.text,
    media: media[position] ?? [],
    poll: p.poll ?? null,
    quotePostId: p.quotePostId ?? null,
    replyToPostId: p.replyToPostId ?? null,
  }));
}

/** A post may go on the schedule only for an account Herald can still publish to. */
async function accountToPostTo(tx: Tx, userId: string, accountId: string, scheduling: boolean) {
  const [account] = await tx
    .select({ id: xAccounts.id, username: xAccounts.username, status: xAccounts.status, subscriptionType: xAccounts.subscriptionType })
    .from(xAccounts)
    .where(and(eq(xAccounts.id, accountId), eq(xAccounts.userId, userId)));
  if (!account) throw new AppError(400, 'Invalid input', { accountId: ['Unknown account'] });
  if (scheduling && account.status === 'disconnected') {
    throw new AppError(400, 'Invalid input', { accountId: [`@${account.username} is disconnected: reconnect it on the accounts page, or save the post as a draft.`] });
  }
  return account;
}

/**
 * Saves one new post inside the caller's transaction (a group saves several in one). `groupId`
 * ties posts composed together; a post alone gets a group of its own.
 */
export async function insertPost(tx: Tx, userId: string, input: CreatePostInput, groupId?: string): Promise<{ post: Post; hasMedia: boolean }> {
  const queueSlot = input.queue === true;
  const when = input.publishNow ? new Date() : (input.scheduledAt ?? null);
  const status = input.publishNow ? 'queued' : when || queueSlot ? 'scheduled' : 'draft';
  const account = await accountToPostTo(tx, userId, input.accountId, waiting(status));
  assertPartsFitAccount(input.parts, account);
  if (waiting(status)) await assertRoomToSchedule(tx, userId);
  // After the per-user lock: every path takes the user's lock before the account's queue lock.
  const scheduledAt = queueSlot ? await takeQueueSlot(tx, userId, account.id) : when;
  const media = await checkedPartMedia(tx, userId, input.parts);
  const [inserted] = await tx
    .insert(posts)
    .values({ userId, xAccountId: account.id, status, scheduledAt, queueSlot, replySettings: input.replySettings ?? null, ...(groupId ? { groupId } : {}) })
    .returning();
  if (!inserted) throw new Error('insert returned no row');
  await tx.insert(postParts).values(partRows(inserted.id, input.parts, media));
  return { post: inserted, hasMedia: hasMedia(input.parts) };
}

/**
 * The one way a post comes into being, whoever asks: the UI, the API or a test. Its job is queued
 * after the transaction commits, so a rollback never leaves a job behind.
 */
export async function createPost(userId: string, input: CreatePostInput): Promise<PostView> {
  return (await createPostUndoable(userId, input)).post;
}

/** createPost, with an undo offer when the post went on the schedule (undone, it becomes a draft). */
export async function createPostUndoable(userId: string, input: CreatePostInput): Promise<{ post: PostView; undo?: UndoOffer }> {
  const { post, hasMedia: withMedia } = await db().transaction((tx) => insertPost(tx, userId, input));
  await syncQueue(post, undefined, { hasMedia: withMedia });
  const view = await getPost(userId, post.id);
  await emitScheduled(userId, view);
  return { post: view, undo: waiting(post.status) ? undoOffer(userId, [{ after: post, before: null }]) : undefined };
}

export async function updatePost(userId: string, postId: string, input: UpdatePostInput): Promise<PostView> {
  return (await updatePostUndoable(userId, postId, input)).post;
}

/** A change of time or status (not of text alone) that changed something can be undone for a few seconds. */
const timeChange = (input: UpdatePostInput) => input.scheduledAt !== undefined || input.publishNow || input.status !== undefined || input.queue;
const sameTime = (a: Post, b: Post) => a.status === b.status && a.scheduledAt?.getTime() === b.scheduledAt?.getTime() && a.queueSlot === b.queueSlot;

/** updatePost, with an undo offer when its time or status changed. */
export async function updatePostUndoable(userId: string, postId: string, input: UpdatePostInput): Promise<{ post: PostView; undo?: UndoOffer }> {
  const { before, after, withMedia } = await db().transaction(async (tx) => {
    const post = await lockOwnPost(tx, userId, postId);
    refuseWhilePublishing(post);

    // Who may reply goes with every part: once a part is on X, the thread's setting is fixed too.
    if (input.replySettings !== undefined && (await somePartOnX(tx, postId))) {
      throw new AppError(409, 'Part of this thread is already on X; who can reply can no longer be changed.');
    }
    if (input.parts) {
      assertPartsFitAccount(input.parts, await accountToPostTo(tx, userId, post.xAccountId, false));
      await refuseSameAsGroup(tx, post, input.parts);
      const media = await checkedPartMedia(tx, userId, input.parts);
      if (await somePartOnX(tx, postId)) throw new AppError(409, 'Part of this thread is already on X; its text can no longer be changed.');
      await tx.delete(postParts).where(eq(postParts.postId, postId));
      await tx.insert(postParts).values(partRows(postId, input.parts, media));
    }

    let status = post.status;
    let scheduledAt = post.scheduledAt;
    if (input.status === 'cancelled') status = 'cancelled';
    else if (input.publishNow) [status, scheduledAt] = ['queued', new Date()];
    else if (input.scheduledAt === null) [status, scheduledAt] = ['draft', null];
    else if (input.scheduledAt) [status, scheduledAt] = ['scheduled', input.scheduledAt];
    else if (input.queue) status = 'scheduled';

    if (waiting(status)) {
      await accountToPostTo(tx, userId, post.xAccountId, true);
      if (!waiting(post.status)) await assertRoomToSchedule(tx, userId);
    }
    // A queued post keeps its slot through edits of its text; any other change of time gives it up.
    if (input.queue) scheduledAt = await takeQueueSlot(tx, userId, post.xAccountId, post.id);
    const queueSlot = input.queue === true || (post.queueSlot && waiting(status) && scheduledAt?.getTime() === post.scheduledAt?.getTime());

    const [next] = await tx
      .update(posts)
      .set({
        status,
        scheduledAt,
        queueSlot,
        ...(input.replySettings !== undefined ? { replySettings: input.replySettings } : {}),
        revision: post.revision + 1,
        updatedAt: new Date(),
        ...(status !== post.status ? { lastError: null, lastErrorClass: null, nextAttemptAt: null } : {}),
        // A failed post that is edited or rescheduled starts its attempts afresh, as Retry does.
        ...(post.status === 'failed' ? { attempts: 0 } : {}),
      })
      .where(eq(posts.id, postId))
      .returning();
    if (!next) throw notFound('Post');
    const withMedia = input.parts ? hasMedia(input.parts) : await storedPartsHaveMedia(tx, postId);
    return { before: post, after: next, withMedia };
  });
  await syncQueue(after, before, { hasMedia: withMedia });
  const view = await getPost(userId, postId);
  await emitScheduled(userId, view, before);
  const undoable = timeChange(input) && !sameTime(before, after);
  return { post: view, undo: undoable ? undoOffer(userId, [{ after, before }]) : undefined };
}

export async function deletePost(userId: string, postId: string): Promise<void> {
  const post = await db().transaction(async (tx) => {
    const locked = await lockOwnPost(tx, userId, postId);
    if (locked.status === 'publishing') throw new AppError(409, 'This post is being published right now; it can no longer be deleted.');
    await tx.delete(posts).where(eq(posts.id, postId));
    return locked;
  });
  await syncQueue(null, post);
}

/**
 * Queues a failed post again, now. Parts already on X are kept, so a thread resumes. The owner
 * retries their own post; an admin may retry anyone's (the admin page's Retry), and for anyone
 * else another user's post does not exist.
 */
export async function retryPost(actor: Actor, postId: string): Promise<PostView> {
  const owner = (await actorIsAdmin(actor)) ? null : actor.userId;
  const { before, after } = await db().transaction(async (tx) => {
    const [post] = await tx
      .select()
      .from(posts)
      .where(owner ? and(eq(posts.id, postId), eq(posts.userId, owner)) : eq(posts.id, postId))
      .for('update');
    if (!post) throw notFound('Post');
    if (post.status !== 'failed') throw new AppError(409, `Only failed posts can be retried; this one is ${post.status}.`);
    await accountToPostTo(tx, post.userId, post.xAccountId, true);
    await assertRoomToSchedule(tx, post.userId);
    const now = new Date();
    const [next] = await tx
      .update(posts)
      .set({ status: 'queued', revision: post.revision + 1, attempts: 0, lastError: null, lastErrorClass: null, nextAttemptAt: null, scheduledAt: now, queueSlot: false, updatedAt: now })
      .where(eq(posts.id, postId))
      .returning();
    if (!next) throw notFound('Post');
    return { before: post, after: next };
  });
  await syncQueue(after, before);
  const view = await getPost(after.userId, postId);
  await emitScheduled(after.userId, view, before);
  return view;
}
