import { and, desc, eq } from 'drizzle-orm';
import { db } from '../db';
import { postAttempts, posts, type AttemptOutcome, type FailureClass, type PostAttempt } from '../db/schema';
import { notFound } from '../errors';

/** A post has at most PUBLISH_MAX_ATTEMPTS per revision, but retries and rate limits add up: the read is bounded. */
export const ATTEMPTS_SHOWN = 100;

/** One publish attempt as the owner (and admins) see it. */
export interface AttemptView {
  attempt: number;
  startedAt: string;
  finishedAt: string;
  /** The worker process (host-pid) that made it. */
  worker: string;
  outcome: AttemptOutcome;
  /** The HTTP status of X's last answer; null when X gave none. */
  xStatus: number | null;
  errorClass: FailureClass | null;
  error: string | null;
}

function view(row: PostAttempt): AttemptView {
  return {
    attempt: row.attempt,
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt.toISOString(),
    worker: row.worker,
    outcome: row.outcome,
    xStatus: row.xStatus,
    errorClass: row.errorClass,
    error: row.error,
  };
}

/**
 * The post's latest attempts, newest first, read through the post: a post that is not this
 * owner's (or not at all) is a 404, one never attempted an empty list. One query.
 */
async function attemptsOf(postId: string, owner: string | null): Promise<AttemptView[]> {
  const rows = await db()
    .select({ attempt: postAttempts })
    .from(posts)
    .leftJoin(postAttempts, eq(postAttempts.postId, posts.id))
    .where(owner === null ? eq(posts.id, postId) : and(eq(posts.id, postId), eq(posts.userId, owner)))
    .orderBy(desc(postAttempts.id))
    .limit(ATTEMPTS_SHOWN);
  if (rows.length === 0) throw notFound('Post');
  return rows.flatMap((r) => (r.attempt ? [view(r.attempt)] : []));
}

/** The owner's view (GET /api/v1/posts/{id}/attempts and the post dialog). */
export function listAttempts(userId: string, postId: string): Promise<AttemptView[]> {
  return attemptsOf(postId, userId);
}

/** Any post's attempts: for admin pages only, which check the caller is an admin first. */
export function listAttemptsAsAdmin(postId: string): Promise<AttemptView[]> {
  return attemptsOf(postId, null);
}
