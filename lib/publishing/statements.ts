import { and, asc, eq, inArray, lt, or, sql } from 'drizzle-orm';
import { db, type Db } from '../db';
import { postParts, posts, xAccounts } from '../db/schema';

/**
 * The statements every publish runs, built once and prepared on each connection. Unprepared,
 * drizzle rebuilds the SQL on every call and postgres.js sends a describe round trip before each
 * one, and Postgres plans it again: together that was most of the CPU a publish cost.
 * Timestamps are the worker's clock, passed as ISO text.
 */
function build(d: Db) {
  const timestamp = (name: string) => sql`${sql.placeholder(name)}::timestamptz`;
  const holdsClaim = and(eq(posts.id, sql.placeholder('postId')), eq(posts.revision, sql.placeholder('revision')), eq(posts.status, 'publishing'));

  /** See claimPost. */
  const claim = d
    .update(posts)
    .set({
      status: 'publishing',
      attempts: sql`${posts.attempts} + 1`,
      leaseExpiresAt: timestamp('leaseExpiresAt'),
      nextAttemptAt: null,
      updatedAt: timestamp('now'),
    })
    .where(
      and(
        eq(posts.id, sql.placeholder('postId')),
        eq(posts.revision, sql.placeholder('revision')),
        or(inArray(posts.status, ['scheduled', 'queued']), and(eq(posts.status, 'publishing'), lt(posts.leaseExpiresAt, timestamp('now')))),
      ),
    )
    .returning()
    .prepare('publish_claim');

  /** The post's parts in order, each with the account, in one read right after the claim. */
  const load = d
    .select({ part: postParts, account: xAccounts })
    .from(postParts)
    .innerJoin(xAccounts, eq(xAccounts.id, sql.placeholder('accountId')))
    .where(eq(postParts.postId, sql.placeholder('postId')))
    .orderBy(asc(postParts.position))
    .prepare('publish_load');

  /** Set just before a create call, cleared when X certainly created nothing. */
  const markSent = d
    .update(postParts)
    .set({ sentAt: timestamp('sentAt') })
    .where(eq(postParts.id, sql.placeholder('partId')))
    .prepare('publish_mark_sent');

  const recordPart = d
    .update(postParts)
    .set({ xPostId: sql`${sql.placeholder('xPostId')}`, publishedAt: timestamp('now') })
    .where(eq(postParts.id, sql.placeholder('partId')))
    .prepare('publish_record_part');

  const publishedSet = {
    status: 'published' as const,
    publishedUrl: sql`${sql.placeholder('url')}`,
    publishedAt: timestamp('now'),
    lastError: null,
    nextAttemptAt: null,
    leaseExpiresAt: null,
    updatedAt: timestamp('now'),
  };

  /**
   * Records the last part's X id and marks the post published in one statement (one commit). The
   * part is written even when the claim was lost: an id X returned is never dropped.
   */
  const recorded = d.$with('recorded').as(
    d
      .update(postParts)
      .set({ xPostId: sql`${sql.placeholder('xPostId')}`, publishedAt: timestamp('now') })
      .where(eq(postParts.id, sql.placeholder('partId')))
      .returning({ id: postParts.id }),
  );
  const finishWithLastPart = d.with(recorded).update(posts).set(publishedSet).where(holdsClaim).prepare('publish_finish_last');

  /** Every part was already recorded (found on the timeline): only the post's status is left. */
  const finish = d.update(posts).set(publishedSet).where(holdsClaim).prepare('publish_finish');

  /** Keeps the claim alive while a long publish (a thread, a video) runs. */
  const renewLease = d
    .update(posts)
    .set({ leaseExpiresAt: timestamp('leaseExpiresAt') })
    .where(holdsClaim)
    .prepare('publish_renew_lease');

  return { claim, load, markSent, recordPart, finishWithLastPart, finish, renewLease };
}

export type PublishStatements = ReturnType<typeof build>;

// Prepared statements belong to a pool: a test that closes and reopens the pool gets new ones.
const built = new WeakMap<Db, PublishStatements>();

export function statements(): PublishStatements {
  const d = db();
  let s = built.get(d);
  if (!s) {
    s = build(d);
    built.set(d, s);
  }
  return s;
}
