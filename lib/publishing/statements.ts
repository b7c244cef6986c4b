import { and, asc, eq, getTableColumns, inArray, lt, or, sql } from 'drizzle-orm';
import { db, type Db } from '../db';
import { postAttempts, postParts, posts, xAccounts } from '../db/schema';

/**
 * The statements every publish runs, built once and prepared on each connection. Unprepared,
 * drizzle rebuilds the SQL on every call and postgres.js sends a describe round trip before each
 * one, and Postgres plans it again: together that was most of the CPU a publish cost.
 * Times are the database's clock (`now()`), so that leases mean the same to every worker
 * whatever their clocks say; the sent marker is the worker's, passed as ISO text.
 */
function build(d: Db) {
  const timestamp = (name: string) => sql`${sql.placeholder(name)}::timestamptz`;
  const now = sql`now()`;
  const leaseEnd = sql`now() + ${sql.placeholder('leaseMs')}::int * interval '1 millisecond'`;
  /**
   * The fence: only the holder of the current claim (its token, new at every claim) may write the
   * post's state. A worker whose lease ran out and whose post was claimed again changes nothing.
   */
  const holdsClaim = and(eq(posts.id, sql.placeholder('postId')), eq(posts.claimToken, sql.placeholder('claimToken')), eq(posts.status, 'publishing'));

  /** See claimPost. */
  const claimed = d.$with('claimed').as(
    d
      .update(posts)
      .set({
        status: 'publishing',
        attempts: sql`${posts.attempts} + 1`,
        leaseExpiresAt: leaseEnd,
        claimToken: sql`gen_random_uuid()`,
        nextAttemptAt: null,
        updatedAt: now,
      })
      .where(
        and(
          eq(posts.id, sql.placeholder('postId')),
          eq(posts.revision, sql.placeholder('revision')),
          or(inArray(posts.status, ['scheduled', 'queued']), and(eq(posts.status, 'publishing'), lt(posts.leaseExpiresAt, now))),
        ),
      )
      .returning(),
  );
  // The claimed row's columns under the post's field names, so that the row reads as a Post.
  const claimedPost = Object.fromEntries(Object.keys(getTableColumns(posts)).map((name) => [name, claimed[name as keyof typeof claimed]])) as unknown as {
    [K in keyof typeof posts._.columns]: (typeof claimed)[K];
  };
  /**
   * The claim also marks the first part not yet on X as sent (see markSent), in the same commit:
   * the marker must be durable before the create call, and this saves a statement. A marker
   * already there stays, and the parts read below are as they were before this statement, so
   * the publisher still sees it and looks the part up before sending it again.
   */
  const marked = d.$with('marked').as(
    d
      .update(postParts)
      .set({ sentAt: sql`coalesce(${postParts.sentAt}, ${now})` })
      .where(
        eq(
          postParts.id,
          sql`(select ${postParts.id} from ${postParts} where ${postParts.postId} = (select ${claimed.id} from ${claimed}) and ${postParts.xPostId} is null order by ${postParts.position} limit 1)`,
        ),
      )
      .returning({ id: postParts.id }),
  );
  /** The claim, and with it the post's parts in order and its account: one round trip. */
  const claim = d
    .with(claimed, marked)
    .select({ post: claimedPost, part: postParts, account: xAccounts })
    .from(claimed)
    .leftJoin(xAccounts, eq(xAccounts.id, claimed.xAccountId))
    .leftJoin(postParts, eq(postParts.postId, claimed.id))
    .orderBy(asc(postParts.position))
    .prepare('publish_claim');

  /** Set just before a create call, cleared when X certainly created nothing. */
  const markSent = d
    .update(postParts)
    .set({ sentAt: timestamp('sentAt') })
    .where(eq(postParts.id, sql.placeholder('partId')))
    .prepare('publish_mark_sent');

  /** A part's X id, the moment X returns it. */
  const recordingPart = () =>
    d
      .update(postParts)
      .set({ xPostId: sql`${sql.placeholder('xPostId')}`, publishedAt: now })
      .where(eq(postParts.id, sql.placeholder('partId')));
  const recordPart = recordingPart().prepare('publish_record_part');

  const publishedSet = {
    status: 'published' as const,
    publishedUrl: sql`${sql.placeholder('url')}`,
    publishedAt: now,
    lastError: null,
    lastErrorClass: null,
    nextAttemptAt: null,
    leaseExpiresAt: null,
    claimToken: null,
    updatedAt: now,
  };

  /**
   * Records the last part's X id and marks the post published in one statement (one commit). The
   * part is written even when the claim was lost: an id X returned is never dropped.
   */
  const recorded = d.$with('recorded').as(recordingPart().returning({ id: postParts.id }));
  /**
   * The attempt's history row (lib/publishing/attempts), written by the same statement: the
   * history costs a successful publish no round trip. Written even when the claim was lost, as
   * the part is: this worker's attempt did publish.
   */
  const attempt = d.$with('attempt').as(
    d
      .insert(postAttempts)
      .values({
        postId: sql`${sql.placeholder('postId')}::uuid`,
        attempt: sql`${sql.placeholder('attempt')}::int`,
        startedAt: timestamp('startedAt'),
        worker: sql`${sql.placeholder('worker')}`,
        outcome: 'published',
        xStatus: sql`${sql.placeholder('xStatus')}::int`,
      })
      .returning({ id: postAttempts.id }),
  );
  const finishWithLastPart = d.with(recorded, attempt).update(posts).set(publishedSet).where(holdsClaim).prepare('publish_finish_last');

  /** Every part was already recorded (found on the timeline): only the post's status is left. */
  const finish = d.with(attempt).update(posts).set(publishedSet).where(holdsClaim).prepare('publish_finish');

  /** Keeps the claim alive while a long publish (a thread, a video) runs. */
  const renewLease = d
    .update(posts)
    .set({ leaseExpiresAt: leaseEnd })
    .where(holdsClaim)
    .returning({ id: posts.id })
    .prepare('publish_renew_lease');

  return { claim, markSent, recordPart, finishWithLastPart, finish, renewLease };
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
