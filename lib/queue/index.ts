import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { config } from '../config';
import type { Post } from '../db/schema';
import { redisConnection } from './connection';

export const POST_QUEUE = 'post-queue';
export const PUBLISH_JOB = 'publish-post';
export const RECONCILE_JOB = 'reconcile';
export const RECONCILE_EVERY_MS = 60_000;

/** Ids only: tokens and text are read from Postgres when the job runs. */
export interface PublishJobData {
  postId: string;
  revision: number;
}

/** What names a post revision's job. */
export type PublishJobRef = Pick<Post, 'id' | 'jobKey' | 'revision'>;

/**
 * One job per post revision: `p` + the post's job key in base 36 + `r` + the revision. Short on
 * purpose: a delayed job's hash stays in Redis until its post is due, and with an id this short
 * (BullMQ keeps it in the job's opts too) every field fits Redis's compact hash encoding
 * (hash-max-listpack-value, 64 bytes), which takes a third of the memory. BullMQ ids may not
 * contain ':' nor be all digits.
 */
export function publishJobId(post: Pick<PublishJobRef, 'jobKey' | 'revision'>): string {
  return `p${post.jobKey.toString(36)}r${post.revision}`;
}

/** Finished publish jobs: the post's outcome lives in Postgres; failures stay a week for a look. */
export const PUBLISH_JOBS_KEPT = { completed: { count: 0 }, failed: { age: 7 * 24 * 3600, count: 10_000 } };

const holder = globalThis as unknown as { heraldQueue?: { queue: Queue; connection: Redis } };

export function postQueue(): Queue {
  if (!holder.heraldQueue) {
    const connection = redisConnection('producer');
    // An unhandled 'error' event would crash the process while Redis is down.
    connection.on('error', () => {});
    const queue = new Queue(POST_QUEUE, { connection, prefix: config().queuePrefix });
    queue.on('error', () => {});
    holder.heraldQueue = { queue, connection };
  }
  return holder.heraldQueue.queue;
}

/**
 * Registers the scheduler's tick: one job a minute for the whole cluster, whatever the number of
 * workers (they all upsert the same id). Called again periodically, because a Redis that lost its
 * data lost the registration too.
 */
export async function ensureReconcileScheduler(queue: Queue = postQueue()): Promise<boolean> {
  if (await queue.getJobScheduler(RECONCILE_JOB)) return false;
  await queue.upsertJobScheduler(RECONCILE_JOB, { every: RECONCILE_EVERY_MS }, {
    name: RECONCILE_JOB,
    opts: { removeOnComplete: true, removeOnFail: 100 },
  });
  return true;
}

/** The web app's Redis connection, ready (it does not queue commands while connecting). */
export async function producerRedis(): Promise<Redis> {
  await postQueue().waitUntilReady();
  return holder.heraldQueue!.connection;
}

export async function closeQueue(): Promise<void> {
  const h = holder.heraldQueue;
  holder.heraldQueue = undefined;
  if (h) {
    await h.queue.close();
    h.connection.disconnect();
  }
}

/**
 * Queues a post revision to publish at `at` (now or in the past: at once). The job fires
 * PUBLISH_LEAD_MS early; the publisher holds the post until `at` itself.
 */
export async function enqueuePublish(post: PublishJobRef, at: Date, queue: Queue = postQueue()): Promise<void> {
  const data: PublishJobData = { postId: post.id, revision: post.revision };
  // Nothing else in the opts, for the same reason as the short id: one attempt is BullMQ's
  // default (lib/publishing schedules retries itself, knowing which errors are transient), and
  // the worker says what is kept of finished jobs (PUBLISH_JOBS_KEPT).
  await queue.add(PUBLISH_JOB, data, {
    jobId: publishJobId(post),
    delay: Math.max(0, at.getTime() - config().publishLeadMs - Date.now()),
  });
}

/**
 * Best effort: a job that is already running cannot be removed, and is made harmless
 * by the revision check instead.
 */
export async function removePublishJob(post: PublishJobRef, queue: Queue = postQueue()): Promise<void> {
  try {
    await queue.remove(publishJobId(post));
  } catch {
    // locked (active) or Redis unreachable: the stale-revision check covers both
  }
}
