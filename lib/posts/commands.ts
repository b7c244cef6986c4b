import { and, eq, sql } from 'drizzle-orm';
import { db, type Tx } from '../db';
import { postParts, posts, xAccounts, type PartMedia, type Post } from '../db/schema';
import { AppError, notFound } from '../errors';
import { enqueuePublish, removePublishJob, type PublishJobRef } from '../queue';
import type { CreatePostInput, PartInput, UpdatePostInput } from './input';
import { checkedPartMedia } from './media';
import { getPost } from './queries';
import type { PostView } from './view';

/** Redis being down must not leave a post saved but undeliverable: the caller's transaction rolls back. */
async function enqueueOrAbort(post: PublishJobRef, at: Date): Promise<void> {
  try {
    await enqueuePublish(post, at);
  } catch {
    throw new AppError(503, 'The publishing queue is unavailable; nothing was saved. Try again in a moment.');
  }
}

async function lockOwnPost(tx: Tx, userId: string, postId: string): Promise<Post> {
  const [post] = await tx
    .select()
    .from(posts)
    .where(and(eq(posts.id, postId), eq(posts.userId, userId)))
    .for('update');
  if (!post) throw notFound('Post');
  return post;
}

function refuseWhilePublishing(post: Post): void {
  if (post.status === 'publishing') throw new AppError(409, 'This post is being published right now; it can no longer be changed.');
  if (post.status === 'published') throw new AppError(409, 'This post is already published.');
}

function partRows(postId: string, parts: readonly PartInput[], media: PartMedia[][]) {
  return parts.map((p, position) => ({ postId, position, text: p.text, media: media[position] ?? [] }));
}

/** The one way a post comes into being, whoever asks: the UI, the API or a test. */
export async function createPost(userId: string, input: CreatePostInput): Promise<PostView> {
  const [account] = await db()
    .select({ id: xAccounts.id })
    .from(xAccounts)
    .where(and(eq(xAccounts.id, input.accountId), eq(xAccounts.userId, userId)));
  if (!account) throw new AppError(400, 'Invalid input', { accountId: ['Unknown account'] });

  const when = input.publishNow ? new Date() : (input.scheduledAt ?? null);
  const status = input.publishNow ? 'queued' : when ? 'scheduled' : 'draft';
  return db().transaction(async (tx) => {
    const media = await checkedPartMedia(tx, userId, input.parts);
    const [post] = await tx
      .insert(posts)
      .values({ userId, xAccountId: account.id, status, scheduledAt: when })
      .returning();
    if (!post) throw new Error('insert returned no row');
    await tx.insert(postParts).values(partRows(post.id, input.parts, media));
    if (when) await enqueueOrAbort(post, when);
    return getPost(userId, post.id, tx);
  });
}

export async function updatePost(userId: string, postId: string, input: UpdatePostInput): Promise<PostView> {
  let replaced: Post | undefined;
  const view = await db().transaction(async (tx) => {
    const post = await lockOwnPost(tx, userId, postId);
    refuseWhilePublishing(post);

    if (input.parts) {
      const media = await checkedPartMedia(tx, userId, input.parts);
      const published = await tx
        .select({ position: postParts.position })
        .from(postParts)
        .where(and(eq(postParts.postId, postId), sql`${postParts.xPostId} is not null`));
      if (published.length > 0) throw new AppError(409, 'Part of this thread is already on X; its text can no longer be changed.');
      await tx.delete(postParts).where(eq(postParts.postId, postId));
      await tx.insert(postParts).values(partRows(postId, input.parts, media));
    }

    let status = post.status;
    let scheduledAt = post.scheduledAt;
    if (input.status === 'cancelled') status = 'cancelled';
    else if (input.publishNow) [status, scheduledAt] = ['queued', new Date()];
    else if (input.scheduledAt === null) [status, scheduledAt] = ['draft', null];
    else if (input.scheduledAt) [status, scheduledAt] = ['scheduled', input.scheduledAt];

    const [next] = await tx
      .update(posts)
      .set({
        status,
        scheduledAt,
        revision: post.revision + 1,
        updatedAt: new Date(),
        ...(status !== post.status ? { lastError: null, nextAttemptAt: null } : {}),
      })
      .where(eq(posts.id, postId))
      .returning();
    if (!next) throw notFound('Post');
    if ((next.status === 'scheduled' || next.status === 'queued') && next.scheduledAt) {
      await enqueueOrAbort(next, next.scheduledAt);
    }
    replaced = post;
    return getPost(userId, postId, tx);
  });
  // After commit: the old job is stale either way; removing it only saves the worker a look.
  if (replaced) await removePublishJob(replaced);
  return view;
}

export async function deletePost(userId: string, postId: string): Promise<void> {
  const post = await db().transaction(async (tx) => {
    const locked = await lockOwnPost(tx, userId, postId);
    if (locked.status === 'publishing') throw new AppError(409, 'This post is being published right now; it can no longer be deleted.');
    await tx.delete(posts).where(eq(posts.id, postId));
    return locked;
  });
  await removePublishJob(post);
}

/**
 * Queues a failed post again, now. Parts already on X are kept, so a thread resumes.
 * `userId` null means an admin acting on anyone's post.
 */
export async function retryPost(userId: string | null, postId: string): Promise<PostView> {
  const retried = await db().transaction(async (tx) => {
    const [post] = await tx
      .select()
      .from(posts)
      .where(userId ? and(eq(posts.id, postId), eq(posts.userId, userId)) : eq(posts.id, postId))
      .for('update');
    if (!post) throw notFound('Post');
    if (post.status !== 'failed') throw new AppError(409, `Only failed posts can be retried; this one is ${post.status}.`);
    const now = new Date();
    const [next] = await tx
      .update(posts)
      .set({ status: 'queued', revision: post.revision + 1, attempts: 0, lastError: null, nextAttemptAt: null, scheduledAt: now, updatedAt: now })
      .where(eq(posts.id, postId))
      .returning();
    if (!next) throw notFound('Post');
    await enqueueOrAbort(next, now);
    return next;
  });
  return getPost(retried.userId, postId);
}
