import { inArray } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../x-sandbox/server';
import { closeDb, db } from '@/lib/db';
import { posts } from '@/lib/db/schema';
import { createPost } from '@/lib/posts/commands';
import { createPostInput } from '@/lib/posts/input';
import { RECONCILE_EVERY_MS, closeQueue } from '@/lib/queue';
import { spawnWorker, startRedisServer, stopWorkers, waitUntil, waitForWorkerStart, type ChildHandle } from '../support/processes';
import { connectSandboxUser, sandboxTweets, startTestSandbox } from '../support/sandbox';

let sandbox: Sandbox;
let redis: Awaited<ReturnType<typeof startRedisServer>>;
let workers: ChildHandle[] = [];

beforeAll(async () => {
  // FLUSHALL must only ever hit a Redis of this test's own.
  redis = await startRedisServer();
  process.env.REDIS_URL = redis.url;
  sandbox = await startTestSandbox();
});

afterAll(async () => {
  await stopWorkers(workers);
  await closeQueue();
  await closeDb();
  await sandbox.close();
  await redis.stop();
});

describe('Redis loses everything', () => {
  it('50 scheduled posts are all published within one scheduler tick of their time after FLUSHALL', async () => {
    workers = [spawnWorker({ REDIS_URL: redis.url }), spawnWorker({ REDIS_URL: redis.url })];
    await Promise.all(workers.map((w) => waitForWorkerStart(w)));
    const accounts = [await connectSandboxUser(sandbox), await connectSandboxUser(sandbox)];
    const due = new Date(Date.now() + 10_000);
    const created = [];
    for (let i = 0; i < 50; i++) {
      const { user, account } = accounts[i % 2]!;
      created.push(await createPost(user.id, createPostInput.parse({ accountId: account.id, parts: [{ text: `survives flush ${i}` }], scheduledAt: due.toISOString() })));
    }

    const client = new Redis(redis.url);
    expect(await client.dbsize()).toBeGreaterThan(50);
    await client.flushall();
    expect(await client.dbsize()).toBe(0);
    client.disconnect();

    const ids = created.map((p) => p.id);
    await waitUntil(
      async () => (await db().select({ status: posts.status }).from(posts).where(inArray(posts.id, ids))).every((p) => p.status === 'published'),
      { what: 'all 50 published', timeoutMs: due.getTime() - Date.now() + RECONCILE_EVERY_MS + 15_000, intervalMs: 500 },
    );
    const rows = await db().select({ publishedAt: posts.publishedAt }).from(posts).where(inArray(posts.id, ids));
    const latest = Math.max(...rows.map((r) => r.publishedAt!.getTime()));
    expect(latest - due.getTime()).toBeLessThanOrEqual(RECONCILE_EVERY_MS);

    const tweets = await sandboxTweets(sandbox);
    expect(tweets.map((t) => t.text).sort()).toEqual(created.map((p) => p.parts[0]!.text).sort());
    expect(workers.some((w) => w.output.text().includes('scheduler_restored'))).toBe(true);
  }, 150_000);
});
