import { Worker } from 'bullmq';
import { ConfigError, config } from '@/lib/config';
import { closeDb } from '@/lib/db';
import { loadDotEnv } from '@/lib/env';
import { errorSummary, logger } from '@/lib/log';
import { MEDIA_QUEUE, POST_QUEUE, PUBLISH_JOBS_KEPT, closeQueue, ensureJobSchedulers, postQueue } from '@/lib/queue';
import { redisConnection } from '@/lib/queue/connection';
import { startHeartbeat } from '@/lib/queue/heartbeat';
import { mediaQueueProcessor, postQueueProcessor } from './processors';

/** Media uploads ahead of time one process runs at once (each may wait minutes for X's processing). */
const MEDIA_CONCURRENCY = 4;
/** How long SIGTERM waits for jobs in flight before the process exits anyway. */
const SHUTDOWN_GRACE_MS = 25_000;

loadDotEnv();
process.env.HERALD_SERVICE ??= 'worker';
try {
  config();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

const log = logger();
const queue = postQueue();
const processPostJob = postQueueProcessor(queue);
let active = 0;
const worker = new Worker(POST_QUEUE, async (job, token) => {
  active++;
  try {
    return await processPostJob(job, token);
  } finally {
    active--;
  }
}, {
  connection: redisConnection('blocking'),
  prefix: config().queuePrefix,
  concurrency: config().workerConcurrency,
  // A killed worker's jobs come back after this; the post's claim lasts as long.
  lockDuration: config().publishLeaseMs,
  stalledInterval: config().publishLeaseMs,
  // Redelivery is safe (the claim and the sent-part lookup guard it), so a job whose workers keep
  // dying is handed on rather than failed.
  maxStalledCount: 50,
  removeOnComplete: PUBLISH_JOBS_KEPT.completed,
  removeOnFail: PUBLISH_JOBS_KEPT.failed,
});
worker.on('error', (err) => log.error({ event: 'worker_error', ...errorSummary(err) }, 'worker error'));
worker.on('failed', (job, err) => log.error({ event: 'job_failed', jobId: job?.id, ...errorSummary(err) }, 'job failed'));

// Media uploaded ahead of posts' times: slow by nature (X processes videos), so never in a publishing slot.
const mediaWorker = new Worker(MEDIA_QUEUE, mediaQueueProcessor(), {
  connection: redisConnection('blocking'),
  prefix: config().queuePrefix,
  concurrency: MEDIA_CONCURRENCY,
});
mediaWorker.on('error', (err) => log.error({ event: 'media_worker_error', ...errorSummary(err) }, 'media worker error'));

const heartbeatRedis = redisConnection('blocking');
// ioredis reconnects by itself; the Worker's own 'error' events already say Redis is unreachable.
heartbeatRedis.on('error', () => {});
const stopHeartbeat = startHeartbeat(heartbeatRedis, {
  concurrency: config().workerConcurrency,
  active: () => active,
  // Beats (and the file the container's healthcheck reads) only while the Worker takes jobs.
  consuming: () => worker.isRunning(),
  aliveFile: config().workerHealthFile,
});
await ensureJobSchedulers(queue);
const schedulerWatch = setInterval(() => {
  ensureJobSchedulers(queue)
    .then((added) => added.length > 0 && log.warn({ event: 'scheduler_restored', jobs: added }, 'periodic jobs were missing from Redis; registered again'))
    .catch((err: unknown) => log.error({ event: 'scheduler_check_failed', ...errorSummary(err) }, 'could not check the periodic jobs'));
}, config().schedulerCheckMs);
log.info({ event: 'worker_started', concurrency: config().workerConcurrency, queue: POST_QUEUE }, 'worker ready');

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info({ event: 'worker_stopping', signal }, 'finishing jobs in flight');
  const timer = setTimeout(() => {
    log.warn({ event: 'worker_shutdown_timeout' }, 'jobs still running; exiting, they will be recovered');
    process.exit(1);
  }, SHUTDOWN_GRACE_MS);
  timer.unref();
  clearInterval(schedulerWatch);
  // First: a stopping worker no longer consumes, and a dead Redis must not keep its file fresh.
  await stopHeartbeat();
  // A media upload in flight is not waited for: it is taken up again by another worker (or done at publish time).
  await Promise.all([worker.close(), mediaWorker.close(true)]);
  heartbeatRedis.disconnect();
  await closeQueue();
  await closeDb();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
