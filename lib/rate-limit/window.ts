import 'server-only';
import type { Redis } from 'ioredis';
import { config } from '../config';
import { redisConnection, redisDown } from '../queue/connection';
import { errorSummary, logger } from '../log';

/** Every limit counts per minute: long enough to smooth bursts, short enough that Retry-After is a wait, not a lock-out. */
const WINDOW_SECONDS = 60;
/** A Redis that answers slower than this counts as failing: a request never waits on its limits. */
const ANSWER_WAIT_MS = 500;

/** One bucket's count after this request, and how long until its window starts over. */
export interface Count {
  limit: number;
  count: number;
  resetSeconds: number;
}

/**
 * A fixed window per bucket, in one round trip: the first hit of a window creates the counter
 * with its expiry, later hits only count. Run atomically by Redis, so concurrent requests never
 * lose a hit or leave a counter without an expiry.
 */
const HIT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('TTL', KEYS[1])
if ttl < 0 then redis.call('EXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {count, ttl}
`;

/** How long the first requests wait for the connection being opened; later ones, and an outage, are not waited for. */
const CONNECTING_WAIT_MS = 1_000;

/**
 * A web process's Redis connections queue no commands while offline (a request must not hang on
 * a lost Redis): the process's first requests wait briefly for the connection being opened.
 */
async function connected(redis: Redis): Promise<void> {
  if (!['wait', 'connecting', 'connect'].includes(redis.status)) return;
  await new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      redis.off('ready', done);
      resolve();
    };
    const timer = setTimeout(done, CONNECTING_WAIT_MS);
    redis.on('ready', done);
  });
}

function withDeadline<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ANSWER_WAIT_MS} ms`)), ANSWER_WAIT_MS);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

const holder = globalThis as unknown as { heraldRateLimit?: { redis: Redis; failing: boolean; opened?: Promise<void> } };

function state() {
  holder.heraldRateLimit ??= { redis: redisConnection('producer'), failing: false };
  return holder.heraldRateLimit;
}

/**
 * Counts one request against each bucket (`limit` 0: that bucket is not limited). Null when Redis
 * cannot count: limits fail open, since Postgres, not Redis, holds what requests change, and a lost
 * Redis must not take the API down with it. Said once per outage.
 */
export async function hit(buckets: readonly { key: string; limit: number }[]): Promise<Count[] | null> {
  const live = buckets.filter((b) => b.limit > 0);
  if (live.length === 0) return [];
  const s = state();
  try {
    await (s.opened ??= connected(s.redis));
    const prefix = `${config().queuePrefix}:rate:`;
    const counts = await Promise.all(
      live.map(async (b) => {
        const [count, ttl] = (await withDeadline(s.redis.eval(HIT, 1, prefix + b.key, WINDOW_SECONDS))) as [number, number];
        return { limit: b.limit, count, resetSeconds: Math.max(1, ttl) };
      }),
    );
    if (s.failing) logger().info({ event: 'rate_limit_restored' }, 'rate limits are counted again');
    s.failing = false;
    return counts;
  } catch (error) {
    // The connection itself already said Redis is unreachable; say once that limits are off meanwhile.
    if (!s.failing) logger().warn({ event: 'rate_limit_skipped', redisDown: redisDown(), ...errorSummary(error) }, 'rate limits are not counted while Redis fails');
    s.failing = true;
    return null;
  }
}

/**
 * The bucket that decides: over its limit, the one that frees up last (Retry-After must be long
 * enough for all of them); otherwise the one with the fewest requests left (the RateLimit-* headers).
 */
export function tightest(counts: readonly Count[]): Count | null {
  const over = counts.filter((c) => c.count > c.limit);
  if (over.length > 0) return over.reduce((a, b) => (b.resetSeconds > a.resetSeconds ? b : a));
  return counts.reduce<Count | null>((a, b) => (!a || b.limit - b.count < a.limit - a.count ? b : a), null);
}

/** Thrown when a bucket is over its limit: answered 429 with Retry-After. */
export class RateLimited extends Error {
  constructor(
    message: string,
    readonly count: Count,
  ) {
    super(message);
  }
}

/** `RateLimit-*` (IETF draft) and, when refused, `Retry-After`: both in seconds. */
export function rateLimitHeaders(c: Count): Record<string, string> {
  const headers: Record<string, string> = {
    'RateLimit-Limit': String(c.limit),
    'RateLimit-Remaining': String(Math.max(0, c.limit - c.count)),
    'RateLimit-Reset': String(c.resetSeconds),
  };
  if (c.count > c.limit) headers['Retry-After'] = String(c.resetSeconds);
  return headers;
}

/** Closes the counting connection (tests, shutdown). */
export async function closeRateLimit(): Promise<void> {
  const s = holder.heraldRateLimit;
  holder.heraldRateLimit = undefined;
  await s?.redis.quit().catch(() => s.redis.disconnect());
}
