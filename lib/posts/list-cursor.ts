import { sql, type SQL } from 'drizzle-orm';
import { posts } from '../db/schema';
import { AppError } from '../errors';

/**
 * The order of the posts list and the calendar: by time, posts without one (drafts) after every
 * timed post, then by id. One expression, the same in the index (schema.ts posts_user_time_idx),
 * the ORDER BY and the cursor, so that a page is an index range scan.
 */
export const postTime: SQL<Date> = sql<Date>`coalesce(${posts.scheduledAt}, 'infinity'::timestamptz)`;

/** The exact time as the cursor carries it (microseconds; a JavaScript Date would round), or "infinity". */
export const postTimeKey: SQL<string> = sql<string>`case when ${posts.scheduledAt} is null then 'infinity' else to_char(${posts.scheduledAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') end`;

interface PostCursor {
  at: string;
  id: string;
}

const SHAPE = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z|infinity)\|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Opaque to clients (base64url); one that is not ours is a 400, never a wrong page. */
export function decodePostCursor(cursor: string | undefined): PostCursor | null {
  if (!cursor) return null;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!SHAPE.test(text)) throw new AppError(400, 'Invalid input', { cursor: ['Unknown cursor: start from the first page'] });
  const [at, id] = text.split('|') as [string, string];
  return { at, id };
}

export const encodePostCursor = (key: string, id: string): string => Buffer.from(`${key}|${id}`).toString('base64url');

/** Rows after the cursor in the list's order. */
export const pastCursor = (after: PostCursor, order: 'asc' | 'desc'): SQL =>
  order === 'asc'
    ? sql`(${postTime}, ${posts.id}) > (${after.at}::timestamptz, ${after.id}::uuid)`
    : sql`(${postTime}, ${posts.id}) < (${after.at}::timestamptz, ${after.id}::uuid)`;

/** `%`, `_` and `\` match themselves in a search, as a person typing them means. */
export const likePattern = (words: string): string => `%${words.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
