import 'server-only';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { config } from '../config';
import type { Post } from '../db/schema';
import { redisConnection } from './connection';

export const POST_QUEUE = 'post-queue';
export const PUBLISH_JOB = 'publish-post';
export const RECONCILE_JOB = 'reconcile';
export const RECONCILE_EVERY_MS = 60_000;
export const SWEEP_JOB = 'sweep';
export const SWEEP_EVERY_MS = 3600_000;
/** Reads X Premium status anew for the accounts not asked for a day (lib/accounts/subscription). */
export const SUBSCRIPTION_REFRESH_JOB = 'subscription-refresh';
export const SUBSCRIPTION_REFRESH_EVERY_MS = 15 * 60_000;
/** Checks the tokens of accounts with a post due within the hour (lib/accounts/token-health). */
export const TOKEN_HEALTH_JOB = 'token-health';
export const TOKEN_HEALTH_EVERY_MS = 5 * 60_000;
/** Sends one notification's email (lib/notifications/email), with a bounded number of attempts. */
export const NOTIFICATION_EMAIL_JOB = 'notification-email';
/**
 * Uploading a post's media to X ahead of its time has a queue of its own, so that a slow upload
 * or X's video processing never takes a publishing slot.
 */
export const MEDIA_QUEUE = 'media-queue';
export const PREPARE_MEDIA_JOB = 'prepare-media';
/** Messages out: webhook deliveries (lib/webhooks) and notification emails. Slow or dead receivers must never hold up publishing. */
export const WEBHOOK_QUEUE = 'webhook-queue';
export const DELIVER_WEBHOOK_JOB = 'deliver-webhook';
/**
 * Attempts of one delivery; BullMQ waits WEBHOOK_RETRY_BASE_MS, then twice that, and so on between
 * them (about an hour in all with the default 30 s).
 */
export const WEBHOOK_ATTEMPTS = 8;

/** Ids only: the body and the secret are read from Postgres when the job runs. */
export interface DeliveryJobData {
  deliveryId: string;
}

/** Ids only: tokens and text are read from Postgres when the job runs. */
export interface PublishJobData {
  postId: string;
  revision: number;
}

/** Ids only, as for publish jobs: the address and text are read from Postgres when it runs. */
export interface NotificationEmailJobData {
  notificationId: string;
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

/** How long closing the producer waits for Redis before it drops the connection. */
const CLOSE_WAIT_MS = 2_000;

const holder = globalThis as unknown as { heraldQueue?: { queue: Queue; mediaQueue: Queue; webhookQueue: Queue; connection: Redis } };

function queues() {
  if (!holder.heraldQueue) {
    // The connection reports a lost Redis itself (once); each Queue's own 'error' echoes it.
    const connection = redisConnection('producer');
    const open = (name: string) => new Queue(name, { connection, prefix: config().queuePrefix }).on('error', () => {});
    holder.heraldQueue = { queue: open(POST_QUEUE), mediaQueue: open(MEDIA_QUEUE), webhookQueue: open(WEBHOOK_QUEUE), connection };
  }
  return holder.heraldQueue;
}

export const postQueue = (): Queue => queues().queue;
export const mediaQueue = (): Queue => queues().mediaQueue;
export const webhookQueue = (): Queue => queues().webhookQueue;
/** The producers' Redis connection (fails fast): for reads beside the queues, such as the workers' heartbeats. */
export const queueConnection = (): Redis => queues().connection;

/** The worker's periodic jobs: one tick each for the whole cluster, whatever the number of workers. */
const SCHEDULES = [
  { name: RECONCILE_JOB, every: RECONCILE_EVERY_MS },
  { name: SWEEP_JOB, every: SWEEP_EVERY_MS },
  { name: SUBSCRIPTION_REFRESH_JOB, every: SUBSCRIPTION_REFRESH_EVERY_MS },
  { name: TOKEN_HEALTH_JOB, every: TOKEN_HEALTH_EVERY_MS },
] as const;

/**
 * Registers the periodic jobs (every worker upserts the same ids). Called again periodically,
 * because a Redis that lost its data lost the registrations too. Returns those it had to add.
 */
export async function ensureJobSchedulers(queue: Queue = postQueue()): Promise<string[]> {
  const added: string[] = [];
  for (const { name, every } of SCHEDULES) {
    if (await queue.getJobScheduler(name)) continue;
    await queue.upsertJobScheduler(name, { every }, { name, opts: { removeOnComplete: true, removeOnFail: 100 } });
    added.push(name);
  }
  return added;
}

export async function closeQueue(): Promise<void> {
  const h = holder.heraldQueue;
  holder.heraldQueue = undefined;
  if (h) {
    // Closing waits for Redis; with Redis gone it would wait forever. A bounded wait, then cut.
    const closed = Promise.all([h.queue.close(), h.mediaQueue.close(), h.webhookQueue.close()]).catch(() => undefined);
    await Promise.race([closed, new Promise((r) => setTimeout(r, CLOSE_WAIT_MS).unref())]);
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

/** The job that uploads a post revision's media ahead of time: `m` + job key + `r` + revision. */
export function prepareJobId(post: Pick<PublishJobRef, 'jobKey' | 'revision'>): string {
  return `m${post.jobKey.toString(36)}r${post.revision}`;
}

/** Queues the upload of a post revision's media to X, MEDIA_PREPARE_LEAD_MS before `at`. */
export async function enqueuePrepareMedia(post: PublishJobRef, at: Date, queue: Queue = mediaQueue()): Promise<void> {
  const data: PublishJobData = { postId: post.id, revision: post.revision };
  await queue.add(PREPARE_MEDIA_JOB, data, {
    jobId: prepareJobId(post),
    delay: Math.max(0, at.getTime() - config().mediaPrepareLeadMs - Date.now()),
    removeOnComplete: true,
    removeOnFail: { age: 24 * 3600 },
  });
}

/** Best effort, as for publish jobs: a stale prepare job finds a newer revision and does nothing. */
export async function removePrepareJob(post: PublishJobRef, queue: Queue = mediaQueue()): Promise<void> {
  try {
    await queue.remove(prepareJobId(post));
  } catch {
    // locked (running) or Redis unreachable
  }
}

/**
 * Queues a delivery: BullMQ retries it with exponential backoff until WEBHOOK_ATTEMPTS, and its
 * row in Postgres keeps the outcome, so the job itself is not kept once finished.
 */
export async function enqueueDelivery(deliveryId: string, queue: Queue = webhookQueue()): Promise<void> {
  const data: DeliveryJobData = { deliveryId };
  await queue.add(DELIVER_WEBHOOK_JOB, data, {
    jobId: `d${deliveryId}`,
    attempts: WEBHOOK_ATTEMPTS,
    backoff: { type: 'exponential', delay: config().webhooks.retryBaseMs },
    removeOnComplete: true,
    removeOnFail: true,
  });
}
