import { eq } from 'drizzle-orm';
import { config } from '../config';
import { db } from '../db';
import { posts, type Post, type PostPart, type XAccount } from '../db/schema';
import { statements } from './statements';

/**
 * How long a claim lasts unless renewed (PUBLISH_LEASE_MS, also BullMQ's job lock). The publisher
 * renews it while it works, so it only runs out when the worker died; then BullMQ's stalled-job
 * check hands the job to another worker, whose claim succeeds, or the scheduler re-queues the post.
 */
export const leaseMs = () => config().publishLeaseMs;

/** A claimed post with what publishing it needs. */
export interface Claimed {
  post: Post;
  /** The fence every write of this claim carries (posts.claim_token). */
  claimToken: string;
  /** When the claim was taken (database clock): also the sent marker it put on the first part not yet on X. */
  claimedAt: Date;
  /** Null only if the database lost it: the post then fails rather than loop. */
  account: XAccount | null;
  /** In order, as they were before the claim (a sent marker seen here is an earlier attempt's). */
  parts: PostPart[];
}

/**
 * Takes the post for publishing, atomically: only the current revision, only when it is
 * waiting to be published (or a previous holder's lease ran out). This row update is what
 * makes two workers, or two jobs for one post, publish it once.
 */
export async function claimPost(postId: string, revision: number): Promise<Claimed | undefined> {
  const rows = await statements().claim.execute({ postId, revision, leaseMs: leaseMs() });
  const first = rows[0];
  if (!first?.post.claimToken) return undefined;
  return {
    post: first.post,
    claimToken: first.post.claimToken,
    claimedAt: first.post.updatedAt,
    account: first.account,
    parts: rows.flatMap((r) => (r.part ? [r.part] : [])),
  };
}

export async function readPost(postId: string): Promise<Post | undefined> {
  const [post] = await db().select().from(posts).where(eq(posts.id, postId));
  return post;
}
