import { and, asc, eq, gte, inArray, lte, type SQL } from 'drizzle-orm';
import { config } from '../config';
import { db, type Db, type Tx } from '../db';
import { postParts, posts, xAccounts, users, type Post } from '../db/schema';
import { notFound } from '../errors';
import { mediaByIds } from '../media/queries';
import type { ListPostsInput } from './input';
import { toPostView, type PostView } from './view';

type Reader = Db | Tx;

async function views(reader: Reader, rows: { post: Post; username: string }[]): Promise<PostView[]> {
  if (rows.length === 0) return [];
  const parts = await reader
    .select()
    .from(postParts)
    .where(inArray(postParts.postId, rows.map((r) => r.post.id)))
    .orderBy(asc(postParts.position));
  const byPost = new Map<string, typeof parts>();
  for (const part of parts) byPost.set(part.postId, [...(byPost.get(part.postId) ?? []), part]);
  const media = await mediaByIds(
    parts.flatMap((p) => p.media.map((m) => m.mediaId)),
    reader,
  );
  return rows.map((r) => toPostView(r.post, byPost.get(r.post.id) ?? [], r.username, config().publishMaxAttempts, media));
}

/** One post of this user's; someone else's post is "not found", never "forbidden". */
export async function getPost(userId: string, postId: string, reader: Reader = db()): Promise<PostView> {
  const rows = await reader
    .select({ post: posts, username: xAccounts.username })
    .from(posts)
    .innerJoin(xAccounts, eq(xAccounts.id, posts.xAccountId))
    .where(and(eq(posts.id, postId), eq(posts.userId, userId)));
  const [view] = await views(reader, rows);
  if (!view) throw notFound('Post');
  return view;
}

export async function listPosts(userId: string, filter: ListPostsInput): Promise<PostView[]> {
  const where: SQL[] = [eq(posts.userId, userId)];
  if (filter.from) where.push(gte(posts.scheduledAt, filter.from));
  if (filter.to) where.push(lte(posts.scheduledAt, filter.to));
  if (filter.status) where.push(inArray(posts.status, filter.status));
  const rows = await db()
    .select({ post: posts, username: xAccounts.username })
    .from(posts)
    .innerJoin(xAccounts, eq(xAccounts.id, posts.xAccountId))
    .where(and(...where))
    .orderBy(asc(posts.scheduledAt), asc(posts.createdAt))
    .limit(5000);
  return views(db(), rows);
}

export interface FailedPostRow {
  post: PostView;
  owner: { id: string; name: string | null };
}

/** Every user's failed posts, newest first: for admins only (the caller checks). */
export async function listFailedPosts(limit = 500): Promise<FailedPostRow[]> {
  const rows = await db()
    .select({ post: posts, username: xAccounts.username, ownerId: users.id, ownerName: users.name })
    .from(posts)
    .innerJoin(xAccounts, eq(xAccounts.id, posts.xAccountId))
    .innerJoin(users, eq(users.id, posts.userId))
    .where(eq(posts.status, 'failed'))
    .orderBy(asc(posts.updatedAt))
    .limit(limit);
  const list = await views(db(), rows);
  return list.map((post, i) => ({ post, owner: { id: rows[i]!.ownerId, name: rows[i]!.ownerName } })).reverse();
}
