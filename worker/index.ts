import { Worker } from 'bullmq';
import { StartupError, config } from '@/lib/config';
import { closeDb } from '@/lib/db';
import { checkPostgres } from '@/lib/db/reachable';
import { loadDotEnv } from '@/lib/env';
import { errorSummary, logger } from '@/lib/log';
import { connectionFailureCode } from '@/lib/unreachable';
import { MEDIA_QUEUE, POST_QUEUE, PUBLISH_JOBS_KEPT, WEBHOOK_QUEUE, closeQueue, ensureJobSchedulers, postQueue } from '@/lib/queue';
import { redisConnection, redisDown } from '@/lib/queue/connection';
import { startHeartbeat } from '@/lib/queue/heartbeat';
import { startMetricsServer } from './metrics-server';
import { mediaQueueProcessor, outboundQueueProcessor, postQueueProcessor } from './processors';

/** Media uploads ahead of time one process runs at once (each may wait minutes for X's processing). */
const MEDIA_CONCURRENCY = 4;
/** Webhook deliveries one process sends at once: each waits at most WEBHOOK_TIMEOUT_MS for its receiver. */
const WEBHOOK_CONCURRENCY = 8;
/** How long SIGTERM waits for jobs in flight before the process exits anyway. */
const SHUTDOWN_GRACE_MS = 25_000;

loadDotEnv();
// The worker's logs say `worker` unless its runner named it (an empty value in .env names nothing).
process.env.HERALD_SERVICE ||= 'worker';
try {
  config();
  // Postgres holds every post: without it there is nothing to publish, so say so once and stop.
  await checkPostgres();
} catch (error) {
  if (error instanceof StartupError) {
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
/** While Redis is away its connections have said so once; every command failing meanwhile says nothing new. */
const quietWhileRedisDown = (event: string, msg: string) => (err: Error) => {
  if (!redisDown() && !connectionFailureCode(err)) log.error({ event, ...errorSummary(err) }, msg);
};
worker.on('error', quietWhileRedisDown('worker_error', 'worker error'));
worker.on('failed', (job, err) => log.error({ event: 'job_failed', jobId: job?.id, ...errorSummary(err) }, 'job failed'));

// Media uploaded ahead of posts' times: slow by nature (X processes videos), so never in a publishing slot.
const mediaWorker = new Worker(MEDIA_QUEUE, mediaQueueProcessor(), {
  connection: redisConnection('blocking'),
  prefix: config().queuePrefix,
  concurrency: MEDIA_CONCURRENCY,
});
mediaWorker.on('error', quietWhileRedisDown('media_worker_error', 'media worker error'));

// Webhook deliveries: other people's servers, slow or dead at times, so never in a publishing slot.
const webhookWorker = new Worker(WEBHOOK_QUEUE, outboundQueueProcessor(), {
  connection: redisConnection('blocking'),
  prefix: config().queuePrefix,
  concurrency: WEBHOOK_CONCURRENCY,
});
webhookWorker.on('error', quietWhileRedisDown('webhook_worker_error', 'webhook worker error'));

const heartbeatRedis = redisConnection('blocking');
const stopHeartbeat = startHeartbeat(heartbeatRedis, {
  concurrency: config().workerConcurrency,
  active: () => active,
  // Beats (and the file the container's healthcheck reads) only while the Worker takes jobs.
  consuming: () => worker.isRunning(),
  aliveFile: config().workerHealthFile,
});
// A worker started while Redis is away waits here, quietly, until it comes (its connections never give up).
await ensureJobSchedulers(queue);
const schedulerWatch = setInterval(() => {
  ensureJobSchedulers(queue)
    .then((added) => added.length > 0 && log.warn({ event: 'scheduler_restored', jobs: added }, 'periodic jobs were missing from Redis; registered again'))
    .catch((err: unknown) => {
      if (!redisDown()) log.error({ event: 'scheduler_check_failed', ...errorSummary(err) }, 'could not check the periodic jobs');
    });
}, config().schedulerCheckMs);
// Metrics are an aid, not the worker's job: a port already taken is said loudly, and publishing goes on.
const metricsServer = config().workerMetricsPort
  ? await startMetricsServer(config().workerMetricsPort!).catch((err: unknown) => {
      log.error({ event: 'metrics_server_failed', port: config().workerMetricsPort, ...errorSummary(err) }, 'could not serve metrics on WORKER_METRICS_PORT');
      return undefined;
    })
  : undefined;
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
  // Deliveries in flight are waited for (each is bounded by WEBHOOK_TIMEOUT_MS), so none is sent twice.
  await Promise.all([worker.close(), mediaWorker.close(true), webhookWorker.close()]);
  heartbeatRedis.disconnect();
  metricsServer?.close();
  await closeQueue();
  await closeDb();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
