import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { sessionActor } from '../auth/actor';
import { db } from '../db';
import { posts, type AdminFilter } from '../db/schema';
import { AppError } from '../errors';
import { retryPost } from '../posts/commands';
import { countFailedPosts, failedWhere } from '../posts/queries';
import { syncQueue } from '../posts/sync-queue';
import { recordAudit } from './audit';

/**
 * "Retry all matching" retries at most this many posts per request, read in batches along the
 * filter's index: one click never holds the server for long. The answer says how many remain.
 */
export const RETRY_MATCHING_CAP = 500;
const READ_BATCH = 100;
/** Retries running at once: each is its own short transaction. */
const PARALLEL = 10;

export interface BulkResult {
  /** Posts the action changed. */
  done: number;
  /** Posts named or matched that it left alone: no longer failed, or their account cannot post. */
  skipped: number;
  /** Failed posts still matching the filter afterwards (retry_matching only). */
  remaining?: number;
}

/** Retries one post as the admin; a post that cannot be retried (not failed any more, account disconnected, owner at their cap) is skipped. */
async function retryOne(adminUserId: string, postId: string): Promise<boolean> {
  try {
    await retryPost(sessionActor(adminUserId), postId);
    return true;
  } catch (error) {
    if (error instanceof AppError) return false;
    throw error;
  }
}

async function retryEach(adminUserId: string, ids: readonly string[]): Promise<string[]> {
  const retried: string[] = [];
  for (let i = 0; i < ids.length; i += PARALLEL) {
    const chunk = ids.slice(i, i + PARALLEL);
    const outcomes = await Promise.all(chunk.map((id) => retryOne(adminUserId, id)));
    chunk.forEach((id, k) => outcomes[k] && retried.push(id));
  }
  return retried;
}

/** Retries the failed posts named (anyone's: the caller has checked that this is an admin). */
export async function retryPosts(adminUserId: string, postIds: readonly string[]): Promise<BulkResult> {
  const ids = [...new Set(postIds)];
  const retried = await retryEach(adminUserId, ids);
  await recordAudit({ adminUserId, action: 'retry', postIds: retried, count: retried.length });
  return { done: retried.length, skipped: ids.length - retried.length };
}

/** Cancels the failed posts named, in one statement; posts no longer failed are left alone. */
export async function cancelPosts(adminUserId: string, postIds: readonly string[]): Promise<BulkResult> {
  const ids = [...new Set(postIds)];
  const cancelled = await db().transaction(async (tx) => {
    const rows = await tx
      .update(posts)
      .set({ status: 'cancelled', revision: sql`${posts.revision} + 1`, nextAttemptAt: null, queueSlot: false, updatedAt: new Date() })
      .where(and(inArray(posts.id, ids), eq(posts.status, 'failed')))
      .returning();
    await recordAudit({ adminUserId, action: 'cancel', postIds: rows.map((r) => r.id), count: rows.length }, tx);
    return rows;
  });
  // A failed post has no live job; any left of the revision before goes (after the commit).
  for (const post of cancelled) await syncQueue(post, { id: post.id, jobKey: post.jobKey, revision: post.revision - 1 });
  return { done: cancelled.length, skipped: ids.length - cancelled.length };
}

/**
 * Retries the failed posts matching the filter, newest failure first, at most RETRY_MATCHING_CAP.
 * Reads walk the filter's index by keyset, so a skipped post is not read again and retried posts
 * (which stop being failed) do not shift the walk.
 */
export async function retryMatching(adminUserId: string, filter: AdminFilter): Promise<BulkResult> {
  const retried: string[] = [];
  let seen = 0;
  // The exact updated_at (microseconds, as Postgres has it): a JS Date would drop some.
  let after: { key: string; id: string } | null = null;
  while (seen < RETRY_MATCHING_CAP) {
    const batch: { id: string; key: string }[] = await db()
      .select({ id: posts.id, key: sql<string>`${posts.updatedAt}::text` })
      .from(posts)
      .where(and(failedWhere(filter), after ? sql`(${posts.updatedAt}, ${posts.id}) < (${after.key}::timestamptz, ${after.id}::uuid)` : undefined))
      .orderBy(desc(posts.updatedAt), desc(posts.id))
      .limit(Math.min(READ_BATCH, RETRY_MATCHING_CAP - seen));
    if (batch.length === 0) break;
    seen += batch.length;
    after = batch.at(-1)!;
    retried.push(...(await retryEach(adminUserId, batch.map((p) => p.id))));
  }
  const remaining = await countFailedPosts(filter);
  await recordAudit({ adminUserId, action: 'retry_matching', postIds: retried, filter, count: retried.length });
  return { done: retried.length, skipped: seen - retried.length, remaining };
}
