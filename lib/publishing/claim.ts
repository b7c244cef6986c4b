import { and, eq, inArray, lt, or, sql } from 'drizzle-orm';
import { config } from '../config';
import { db } from '../db';
import { posts, type Post } from '../db/schema';

/**
 * How long a claim lasts unless renewed (PUBLISH_LEASE_MS, also BullMQ's job lock). The publisher
 * renews it while it works, so it only runs out when the worker died; then BullMQ's stalled-job
 * check hands the job to another worker, whose claim succeeds, or the scheduler re-queues the post.
 */
export const leaseMs = () => config().publishLeaseMs;

/**
 * Takes the post for publishing, atomically: only the current revision, only when it is
 * waiting to be published (or a previous holder's lease ran out). This row update is what
 * makes two workers, or two jobs for one post, publish it once.
 */
export async function claimPost(postId: string, revision: number): Promise<Post | undefined> {
  const now = new Date();
  const [post] = await db()
    .update(posts)
    .set({
      status: 'publishing',
      attempts: sql`${posts.attempts} + 1`,
      leaseExpiresAt: new Date(now.getTime() + leaseMs()),
      nextAttemptAt: null,
      updatedAt: now,
    })
    .where(
      and(
        eq(posts.id, postId),
        eq(posts.revision, revision),
        or(inArray(posts.status, ['scheduled', 'queued']), and(eq(posts.status, 'publishing'), lt(posts.leaseExpiresAt, now))),
      ),
    )
    .returning();
  return post;
}

export async function readPost(postId: string): Promise<Post | undefined> {
  const [post] = await db().select().from(posts).where(eq(posts.id, postId));
  return post;
}
