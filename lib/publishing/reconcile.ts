import { and, eq, inArray, lt, lte, or, sql } from 'drizzle-orm';
import type { Queue } from 'bullmq';
import { db } from '../db';
import { posts } from '../db/schema';
import { logger } from '../log';
import { RECONCILE_EVERY_MS, enqueuePublish, publishJobId } from '../queue';

const BATCH = 200;

export interface ReconcileReport {
  checked: number;
  requeued: number;
  recovered: number;
}

/**
 * Postgres is the truth: every post that is due (or due before the next tick) must have its job
 * in the queue. Re-adds what Redis lost, and takes back posts whose publisher died mid-way
 * (lease expired) so that the claim can hand them to another worker.
 */
export async function reconcile(queue: Queue): Promise<ReconcileReport> {
  const now = new Date();
  const horizon = new Date(now.getTime() + RECONCILE_EVERY_MS);
  const due = await db()
    .select({
      id: posts.id,
      jobKey: posts.jobKey,
      revision: posts.revision,
      status: posts.status,
      at: sql<Date>`greatest(${posts.scheduledAt}, coalesce(${posts.nextAttemptAt}, ${posts.scheduledAt}))`.mapWith(posts.scheduledAt),
    })
    .from(posts)
    .where(
      or(
        and(inArray(posts.status, ['scheduled', 'queued']), lte(posts.scheduledAt, horizon)),
        // Leases are judged by the database's clock, as the claim judges them.
        and(eq(posts.status, 'publishing'), lt(posts.leaseExpiresAt, sql`now()`)),
      ),
    )
    .limit(50_000);

  const report: ReconcileReport = { checked: due.length, requeued: 0, recovered: 0 };
  for (let i = 0; i < due.length; i += BATCH) {
    await Promise.all(
      due.slice(i, i + BATCH).map(async (post) => {
        const jobId = publishJobId(post);
        const state = await queue.getJobState(jobId);
        if (state === 'waiting' || state === 'delayed' || state === 'active' || state === 'prioritized' || state === 'waiting-children') return;
        if (state === 'completed' || state === 'failed') await queue.remove(jobId);
        await enqueuePublish(post, post.status === 'publishing' ? now : post.at, queue);
        if (post.status === 'publishing') report.recovered++;
        else report.requeued++;
      }),
    );
  }
  if (report.requeued || report.recovered) logger().warn({ event: 'reconciled', ...report }, 'scheduler repaired the queue');
  return report;
}
