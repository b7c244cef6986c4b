import { count, min } from 'drizzle-orm';
import { db } from '../db';
import { posts, postStatus, type PostStatus } from '../db/schema';
import { postQueue, queueConnection } from '../queue';
import { liveWorkers, type WorkerBeat } from '../queue/heartbeat';
import { isDue, readPublishingState, type PublishingState } from './pause';

/** The BullMQ states the overview shows, of the publish queue (its periodic jobs included). */
export const JOB_STATES = ['waiting', 'delayed', 'active', 'completed', 'failed'] as const;
export type JobState = (typeof JOB_STATES)[number];

/** How long the overview waits for Redis before it says Redis did not answer. */
const REDIS_WAIT_MS = 2_000;

export interface Overview {
  posts: Record<PostStatus, number>;
  /** Null when Redis did not answer in time. */
  jobs: Record<JobState, number> | null;
  /** Due, not yet taken: how many, and how late the oldest is (0 when none). */
  due: { count: number; oldestLagMs: number };
  /** Null when Redis did not answer in time. */
  workers: WorkerBeat[] | null;
  publishing: PublishingState;
}

async function postsByState(): Promise<Record<PostStatus, number>> {
  const rows = await db().select({ status: posts.status, n: count() }).from(posts).groupBy(posts.status);
  const out = Object.fromEntries(postStatus.enumValues.map((s) => [s, 0])) as Record<PostStatus, number>;
  for (const row of rows) out[row.status] = row.n;
  return out;
}

/** Due posts (past their retry time too) still waiting: on posts_due_idx. */
async function duePosts(now: Date): Promise<Overview['due']> {
  const [row] = await db()
    .select({ n: count(), oldest: min(posts.scheduledAt) })
    .from(posts)
    .where(
      isDue(now),
    );
  const oldest = row?.oldest ? new Date(row.oldest) : null;
  return { count: row?.n ?? 0, oldestLagMs: oldest ? Math.max(0, now.getTime() - oldest.getTime()) : 0 };
}

/** Resolves to null when `work` fails or takes longer than REDIS_WAIT_MS: the page shows what Postgres knows. */
async function withinWait<T>(work: () => Promise<T>): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), REDIS_WAIT_MS)));
  try {
    return await Promise.race([work().catch(() => null), late]);
  } finally {
    clearTimeout(timer);
  }
}

async function jobCounts(): Promise<Record<JobState, number>> {
  const counts = await postQueue().getJobCounts(...JOB_STATES);
  return Object.fromEntries(JOB_STATES.map((s) => [s, counts[s] ?? 0])) as Record<JobState, number>;
}

/** What the admin console's overview shows. Admins only: the caller checks. */
export async function readOverview(): Promise<Overview> {
  const now = new Date();
  const [byState, due, publishing, jobs, workers] = await Promise.all([
    postsByState(),
    duePosts(now),
    readPublishingState(),
    withinWait(jobCounts),
    withinWait(() => liveWorkers(queueConnection())),
  ]);
  return { posts: byState, jobs, due, workers, publishing };
}
