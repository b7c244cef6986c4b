import 'server-only';
import { Redis } from 'ioredis';
import { config } from '../config';
import { errorSummary, logger } from '../log';
import { START_STORES_HINT, connectionFailureCode, hostAndPort } from '../unreachable';

/** Reconnection waits: doubling from the first, never longer than the last, for as long as it takes. */
const RECONNECT_FIRST_MS = 250;
const RECONNECT_MAX_MS = 10_000;

function reconnectDelayMs(attempt: number): number {
  return Math.min(RECONNECT_MAX_MS, RECONNECT_FIRST_MS * 2 ** Math.min(Math.max(attempt - 1, 0), 10));
}

/**
 * What this process last said about Redis, shared by all its connections: a lost Redis is one
 * line when it goes (and one when it comes back), not one per connection per retry.
 */
const state: { reported?: string } = {};

/** True while this process's connections cannot reach Redis: callers keep quiet about the failures that follow. */
export function redisDown(): boolean {
  return state.reported !== undefined;
}

function watch(redis: Redis): Redis {
  redis.on('error', (error: unknown) => {
    const code = connectionFailureCode(error);
    const summary = errorSummary(error);
    const key = code ?? summary.errCode ?? summary.errName;
    if (state.reported === key) return;
    state.reported = key;
    const where = hostAndPort(config().redisUrl, 6379);
    if (code) {
      logger().error(
        { event: 'redis_unreachable', errCode: code },
        `Redis is not reachable at ${where}: start it (${START_STORES_HINT}) or set REDIS_URL; retrying quietly, up to every ${RECONNECT_MAX_MS / 1000} s`,
      );
    } else logger().error({ event: 'redis_error', ...summary }, `Redis at ${where} failed; retrying quietly`);
  });
  redis.on('ready', () => {
    if (state.reported === undefined) return;
    state.reported = undefined;
    logger().info({ event: 'redis_reachable' }, 'Redis is reachable again');
  });
  return redis;
}

/**
 * `blocking` connections (workers) must wait for Redis however long it takes;
 * producers in the web app fail fast instead, so a request never hangs on a dead Redis.
 * Both reconnect with backoff, and a lost Redis is reported once per process.
 */
export function redisConnection(kind: 'blocking' | 'producer'): Redis {
  return watch(
    new Redis(config().redisUrl, {
      maxRetriesPerRequest: kind === 'blocking' ? null : 1,
      enableOfflineQueue: kind === 'blocking',
      connectTimeout: 5_000,
      retryStrategy: (attempt) => {
        const delayMs = reconnectDelayMs(attempt);
        // Below the default level: the outage was said once; this is for whoever looks closer.
        logger().debug({ event: 'redis_reconnecting', attempt, delayMs }, 'reconnecting to Redis');
        return delayMs;
      },
    }),
  );
}
