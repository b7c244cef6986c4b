import { randomUUID } from 'node:crypto';
import { db } from '../db';
import { AppError, notFound } from '../errors';
import { isWaiting } from '../db/schema';
import { emitScheduled, insertPost } from './commands';
import type { CreatePostGroupInput } from './group-input';
import { getPost, listGroupPosts } from './queries';
import { syncQueue } from './sync-queue';
import { undoOffer, type UndoOffer } from './undo-token';
import type { PostView } from './view';

export interface PostGroupView {
  groupId: string;
  posts: PostView[];
}

/**
 * Several accounts' posts composed together: saved in one transaction under one group id (all or
 * none), then each queued after the commit like any post.
 */
export async function createPostGroup(userId: string, input: CreatePostGroupInput): Promise<PostGroupView & { undo?: UndoOffer }> {
  const groupId = randomUUID();
  const created = await db().transaction(async (tx) => {
    const saved = [];
    for (const [index, post] of input.posts.entries()) saved.push(await insertPost(tx, userId, post, groupId).catch((error: unknown) => Promise.reject(inPost(index, error))));
    return saved;
  });
  for (const { post, hasMedia } of created) await syncQueue(post, undefined, { hasMedia });
  const views = await Promise.all(created.map(({ post }) => getPost(userId, post.id)));
  for (const view of views) await emitScheduled(userId, view);
  // One offer for the whole group: undone, its scheduled posts become drafts together.
  const scheduled = created.filter(({ post }) => isWaiting(post.status)).map(({ post }) => ({ after: post, before: null }));
  return { groupId, posts: views, ...(scheduled.length > 0 ? { undo: undoOffer(userId, scheduled) } : {}) };
}

/** A field error of one post, named as the group's body names it (`posts.1.accountId`). */
function inPost(index: number, error: unknown): unknown {
  if (!(error instanceof AppError) || !error.fields) return error;
  const fields = Object.fromEntries(Object.entries(error.fields).map(([key, messages]) => [`posts.${index}.${key}`, messages]));
  return new AppError(error.status, error.message, fields);
}

/** A group of this user's: someone else's, or an unknown id, is "not found". */
export async function getPostGroup(userId: string, groupId: string): Promise<PostGroupView> {
  const posts = await listGroupPosts(userId, groupId);
  if (posts.length === 0) throw notFound('Post group');
  return { groupId, posts };
}
