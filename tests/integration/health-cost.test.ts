import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startRedisServer, waitUntil, type RedisServer } from '../support/processes';
import { createTestEnv, type TestEnv } from '../support/test-env';

// Redis's own command counters (INFO commandstats) are the meter here, so this file has a Redis of
// its own: nobody else's commands may count. And a database of its own, for an empty backlog.
let own: TestEnv;
let server: RedisServer;
let redis: Redis;
const stops: (() => Promise<void>)[] = [];

/**
 * lib/health reuses a report for a second, timed by Date: the clock jumps past that instead of
 * the test waiting (Date alone is faked, and keeps running).
 */
const pastReuse = () => vi.setSystemTime(Date.now() + 1_100);

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
  own = await createTestEnv('health_cost');
  server = await startRedisServer();
  Object.assign(process.env, { DATABASE_URL: own.databaseUrl, REDIS_URL: server.url, QUEUE_PREFIX: own.queuePrefix });
  redis = new Redis(server.url);
});

afterAll(async () => {
  vi.useRealTimers();
  for (const stop of stops) await stop();
  const { closeHealth } = await import('@/lib/health');
  await closeHealth();
  redis.disconnect();
  await server.stop();
  await own.drop();
});

/** Calls of each command so far, by name (`scan`, `hgetall`, ...), from Redis's own counters. */
async function commandCalls(): Promise<Map<string, number>> {
  const calls = new Map<string, number>();
  for (const line of (await redis.info('commandstats')).split('\n')) {
    const match = /^cmdstat_([^:]+):calls=(\d+)/.exec(line.trim());
    if (match) calls.set(match[1]!, Number(match[2]));
  }
  return calls;
}

/** What the workers' beats write (today's and yesterday's format): not the reader's cost. */
const BEAT_WRITES = new Set(['info', 'multi', 'exec', 'hset', 'pexpire', 'set']);

/** Commands Redis ran during `work`, by name, leaving out the meter's own INFO and the beats' writes. */
async function commandsDuring(work: () => Promise<unknown>): Promise<Map<string, number>> {
  const before = await commandCalls();
  await work();
  const after = await commandCalls();
  const ran = new Map<string, number>();
  for (const [name, calls] of after) {
    const delta = calls - (before.get(name) ?? 0);
    if (delta > 0 && !BEAT_WRITES.has(name)) ran.set(name, delta);
  }
  return ran;
}

const total = (ran: Map<string, number>) => [...ran.values()].reduce((a, b) => a + b, 0);

/** health() afresh: the probe's connection is opened beforehand, so its handshake does not count. */
async function freshHealth() {
  const { closeHealth, health } = await import('@/lib/health');
  await closeHealth();
  await health();
  pastReuse();
  return health;
}

async function addWorkers(count: number): Promise<void> {
  const { liveWorkers, startHeartbeat } = await import('@/lib/queue/heartbeat');
  const beating = new Redis(server.url);
  const expected = (await liveWorkers(beating)).length + count;
  for (let i = 0; i < count; i++) stops.push(startHeartbeat(beating, { concurrency: 1, active: () => 0 }));
  stops.push(async () => beating.disconnect());
  await waitUntil(async () => (await liveWorkers(beating)).length >= expected, { what: `${expected} heartbeats`, timeoutMs: 5_000, intervalMs: 10 });
}

describe('the cost of /api/health', () => {
  it('reads the heartbeats with no SCAN, in commands that do not grow with the keyspace or the workers', async () => {
    await addWorkers(1);
    const health = await freshHealth();
    const oneWorker = await commandsDuring(() => health());

    // 20,000 other keys under the prefix (job hashes, ...) and 49 more workers.
    for (let i = 0; i < 20; i++) {
      const pipeline = redis.pipeline();
      for (let j = 0; j < 1_000; j++) pipeline.set(`${own.queuePrefix}:post-queue:filler${i}_${j}`, 'x');
      await pipeline.exec();
    }
    await addWorkers(49);
    pastReuse();
    const report = await (async () => {
      let seen: Awaited<ReturnType<typeof health>> | undefined;
      const ran = await commandsDuring(async () => (seen = await health()));
      return { ran, seen: seen! };
    })();

    expect(report.seen.checks.workers).toEqual({ ok: true, alive: 50 });
    for (const ran of [oneWorker, report.ran]) {
      expect(ran.get('scan') ?? 0).toBe(0);
      expect(ran.get('keys') ?? 0).toBe(0);
    }
    // O(workers): the same few commands whether one worker beats or fifty, among 20,000 keys.
    expect(total(report.ran)).toBe(total(oneWorker));
    expect(total(report.ran)).toBeLessThanOrEqual(2);
  });

  it('costs one evaluation for 200 concurrent calls, and none for a flood within the next second', async () => {
    const health = await freshHealth();
    let reports: Awaited<ReturnType<typeof health>>[] = [];
    const concurrent = await commandsDuring(async () => (reports = await Promise.all(Array.from({ length: 200 }, () => health()))));
    expect(reports).toHaveLength(200);
    expect(new Set(reports).size).toBe(1);
    expect(concurrent.get('hgetall')).toBe(1);
    expect(total(concurrent)).toBeLessThanOrEqual(2);

    const flood = await commandsDuring(async () => {
      for (let i = 0; i < 10; i++) await Promise.all(Array.from({ length: 200 }, () => health()));
    });
    expect(total(flood)).toBe(0);
  });
});
