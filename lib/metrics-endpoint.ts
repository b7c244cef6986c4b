import 'server-only';
import { createHash, timingSafeEqual } from 'node:crypto';
import { config } from './config';
import { errorSummary, logger } from './log';
import { metrics } from './metrics';
import { postQueue } from './queue';

/** The BullMQ states the queue-depth gauge reports. */
const QUEUE_STATES = ['waiting', 'prioritized', 'active', 'delayed', 'failed', 'completed', 'waiting-children'] as const;
/** A scrape must answer even when Redis does not: the queue depth is then left out of that scrape. */
const QUEUE_READ_MS = 2_000;

/** What /api/metrics answers, the same from the web app and the worker. */
export interface MetricsAnswer {
  status: 200 | 401 | 404;
  headers: Record<string, string>;
  body: string;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Compared as digests in constant time: the answer's timing says nothing about the token. */
function bearerMatches(authorization: string | null, token: string): boolean {
  const match = /^Bearer (.+)$/.exec(authorization ?? '');
  return Boolean(match?.[1]) && timingSafeEqual(digest(match![1]!), digest(token));
}

/** The queue's jobs by state, read from Redis at scrape time; on a timeout or an error the gauge is left empty. */
async function readQueueDepth(): Promise<void> {
  const gauge = metrics().queueJobs;
  let timer: NodeJS.Timeout | undefined;
  const timeUp = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('queue depth read timed out')), QUEUE_READ_MS)));
  try {
    const counts = await Promise.race([postQueue().getJobCounts(...QUEUE_STATES), timeUp]);
    for (const state of QUEUE_STATES) gauge.set({ state }, counts[state] ?? 0);
  } catch (error) {
    // A stale number would read as the truth: no number says "unknown".
    gauge.reset();
    logger().warn({ event: 'metrics_queue_unread', ...errorSummary(error) }, 'could not read the queue depth for metrics');
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Prometheus's text format, for a caller bearing METRICS_TOKEN. Without the setting the metrics
 * do not exist (404); a missing or wrong bearer is a 401, which a Prometheus job shows as such.
 */
export async function metricsAnswer(authorization: string | null): Promise<MetricsAnswer> {
  const token = config().metricsToken;
  const json = { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' };
  if (!token) return { status: 404, headers: json, body: JSON.stringify({ error: 'Not found' }) };
  if (!bearerMatches(authorization, token)) {
    return { status: 401, headers: { ...json, 'WWW-Authenticate': 'Bearer' }, body: JSON.stringify({ error: 'Give the metrics token as a bearer token' }) };
  }
  await readQueueDepth();
  const { registry } = metrics();
  return { status: 200, headers: { 'Content-Type': registry.contentType, 'Cache-Control': 'no-store' }, body: await registry.metrics() };
}
