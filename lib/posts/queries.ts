import { and, asc, count, desc, eq, exists, gt, ilike, inArray, lte, sql, type SQL } from 'drizzle-orm';
import { config } from '../config';
import { db, type Db, type Tx } from '../db';
import { decodeKeyset, encodeKeyset, keysetKey, olderThan } from '../db/keyset';
import { postParts, posts, xAccounts, users, type AdminFilter, type Post } from '../db/schema';
import { notFound } from '../errors';
import { mediaByIds } from '../media/queries';
import { POSTS_PAGE_DEFAULT, type ListPostsInput } from './input';
import { decodePostCursor, encodePostCursor, likePattern, pastCursor, postTime, postTimeKey } from './list-cursor';
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

/** Posts with their account's @username, as every view needs them. */
const postsWithUsername = (reader: Reader) =>
  reader
    .select({ post: posts, username: xAccounts.username })
    .from(posts)
    .innerJoin(xAccounts, eq(xAccounts.id, posts.xAccountId));

/** One post of this user's; someone else's post is "not found", never "forbidden". */
export async function getPost(userId: string, postId: string, reader: Reader = db()): Promise<PostView> {
  const rows = await postsWithUsername(reader).where(and(eq(posts.id, postId), eq(posts.userId, userId)));
  const [view] = await views(reader, rows);
  if (!view) throw notFound('Post');
  return view;
}

/** The most posts a group can hold is small (lib/posts/group-input); the cap only bounds the read. */
const GROUP_READ_CAP = 100;

/** This user's posts of one group: oldest first, and those composed together by account name. */
export async function listGroupPosts(userId: string, groupId: string): Promise<PostView[]> {
  const rows = await postsWithUsername(db())
    .where(and(eq(posts.userId, userId), eq(posts.groupId, groupId)))
    .orderBy(asc(posts.createdAt), asc(xAccounts.username), asc(posts.id))
    .limit(GROUP_READ_CAP);
  return views(db(), rows);
}

export interface PostsPage {
  posts: PostView[];
  /** Opaque: the page after this one, or null on the last page. */
  nextCursor: string | null;
}

/**
 * One page of this user's posts, by time (lib/posts/list-cursor), filtered by time range, status,
 * account and words in any part. Never more than POSTS_PAGE_MAX rows: a caller that wants a
 * whole range pages on with `nextCursor`.
 */
export async function listPosts(userId: string, filter: ListPostsInput): Promise<PostsPage> {
  const limit = filter.limit ?? POSTS_PAGE_DEFAULT;
  const rows = await postsPageQuery(userId, filter);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    posts: await views(db(), page),
    nextCursor: rows.length > limit && last ? encodePostCursor(last.key, last.post.id) : null,
  };
}

/**
 * The one statement behind a page of listPosts (one row more than the page, to know if another
 * follows). Apart so that `npm run bench` can EXPLAIN exactly what the API runs (`.toSQL()`).
 */
export function postsPageQuery(userId: string, filter: ListPostsInput) {
  const order = filter.order ?? 'asc';
  const limit = filter.limit ?? POSTS_PAGE_DEFAULT;
  const after = decodePostCursor(filter.cursor);
  const words = filter.q ? filter.q : null;
  const where = and(
    eq(posts.userId, userId),
    // ISO text, cast: the driver takes a Date only where drizzle knows the column's type.
    filter.from ? sql`${postTime} >= ${filter.from.toISOString()}::timestamptz` : undefined,
    filter.to ? sql`${postTime} <= ${filter.to.toISOString()}::timestamptz` : undefined,
    filter.status ? inArray(posts.status, filter.status) : undefined,
    filter.account ? inArray(posts.xAccountId, filter.account) : undefined,
    words ? exists(db().select({ one: sql`1` }).from(postParts).where(and(eq(postParts.postId, posts.id), ilike(postParts.text, likePattern(words))))) : undefined,
    after ? pastCursor(after, order) : undefined,
  );
  const direction = order === 'asc' ? asc : desc;
  return db()
    .select({ post: posts, username: xAccounts.username, key: postTimeKey })
    .from(posts)
    .innerJoin(xAccounts, eq(xAccounts.id, posts.xAccountId))
    .where(where)
    .orderBy(direction(postTime), direction(posts.id))
    .limit(limit + 1);
}

export interface FailedPostRow {
  post: PostView;
  owner: { id: string; name: string | null };
}

export interface FailedPostsPage {
  rows: FailedPostRow[];
  /** Every failed post, across pages. */
  total: number;
  /** Opaque: the page after this one, or null on the last page. */
  nextCursor: string | null;
}

export const FAILED_PAGE_SIZE = 50;

/** Which failed posts: any of these left null is not filtered on. */
export type FailedFilter = AdminFilter;

export const NO_FILTER: FailedFilter = { accountId: null, userId: null, errorClass: null };

/** Failed posts matching the filter; each field has a partial index of its own (schema.ts). */
export function failedWhere(filter: FailedFilter): SQL {
  return and(
    eq(posts.status, 'failed'),
    filter.accountId ? eq(posts.xAccountId, filter.accountId) : undefined,
    filter.userId ? eq(posts.userId, filter.userId) : undefined,
    filter.errorClass ? eq(posts.lastErrorClass, filter.errorClass) : undefined,
  )!;
}

/** How many failed posts match the filter (an index-only count over the matching partial index). */
export async function countFailedPosts(filter: FailedFilter = NO_FILTER): Promise<number> {
  const [counted] = await db().select({ n: count() }).from(posts).where(failedWhere(filter));
  return counted?.n ?? 0;
}

/**
 * Every user's failed posts, newest failure first, a page at a time, optionally filtered by
 * account, owner or error class (keyset pagination on the partial indexes posts_failed_*_idx,
 * so the 10,000th page costs what the first does). For admins only: the caller checks.
 */
export async function listFailedPosts(opts: { cursor?: string | null; limit?: number; filter?: FailedFilter } = {}): Promise<FailedPostsPage> {
  const limit = Math.min(Math.max(opts.limit ?? FAILED_PAGE_SIZE, 1), 200);
  const filter = opts.filter ?? NO_FILTER;
  const after = decodeKeyset(opts.cursor);
  const rows = await db()
    .select({ post: posts, username: xAccounts.username, ownerId: users.id, ownerName: users.name, key: keysetKey(posts.updatedAt) })
    .from(posts)
    .innerJoin(xAccounts, eq(xAccounts.id, posts.xAccountId))
    .innerJoin(users, eq(users.id, posts.userId))
    .where(and(failedWhere(filter), after ? olderThan(posts.updatedAt, posts.id, after) : undefined))
    .orderBy(desc(posts.updatedAt), desc(posts.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const [total, list] = await Promise.all([countFailedPosts(filter), views(db(), page)]);
  const last = page.at(-1);
  return {
    rows: list.map((post, i) => ({ post, owner: { id: page[i]!.ownerId, name: page[i]!.ownerName } })),
    total,
    nextCursor: rows.length > limit && last ? encodeKeyset(last.key, last.post.id) : null,
  };
}

/** An account's posts waiting in (from, until], earliest first: what fills its queue's slots (lib/schedules). At most 5,000. */
export async function listWaitingPostsOfAccount(userId: string, accountId: string, from: Date, until: Date): Promise<PostView[]> {
  const rows = await db()
    .select({ post: posts, username: xAccounts.username })
    .from(posts)
    .innerJoin(xAccounts, eq(xAccounts.id, posts.xAccountId))
    .where(
      and(
        eq(posts.userId, userId),
        eq(posts.xAccountId, accountId),
        inArray(posts.status, ['scheduled', 'queued', 'publishing']),
        gt(posts.scheduledAt, from),
        lte(posts.scheduledAt, until),
      ),
    )
    .orderBy(asc(posts.scheduledAt), asc(posts.createdAt))
    .limit(5000);
  return views(db(), rows);
}
