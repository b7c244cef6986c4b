import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inArray } from 'drizzle-orm';
import type { Sandbox } from '../../x-sandbox/server';
import { closeDb, db } from '@/lib/db';
import { posts } from '@/lib/db/schema';
import { createPost } from '@/lib/posts/commands';
import { createPostInput } from '@/lib/posts/input';
import { closeQueue } from '@/lib/queue';
import { seedFromEnv, seededRandom, untilTime } from '../../scripts/toolkit';
import { spawnWorker, stopWorkers, waitUntil, waitForWorkerStart, type ChildHandle } from '../support/processes';
import { isolateQueue } from '../support/test-env';
import { connectSandboxUser, control, sandboxTweets, startTestSandbox } from '../support/sandbox';

const POSTS = 200;
const ACCOUNTS = 20;
const workerEnv = { WORKER_CONCURRENCY: '10', PUBLISH_LEASE_MS: '3000', PUBLISH_RETRY_BASE_MS: '200', LOG_LEVEL: 'info' };

// Which worker dies each time: replay a failure with the seed this prints.
const random = seededRandom(seedFromEnv('CHAOS_SEED'));

let sandbox: Sandbox;
let workers: ChildHandle[] = [];

beforeAll(async () => {
  isolateQueue('killed');
  sandbox = await startTestSandbox();
  // Time on the wire, so that kills land while posts are in flight.
  await control(sandbox, 'POST', '/latency', { ms: 300 });
});

afterAll(async () => {
  await stopWorkers(workers);
  await closeQueue();
  await closeDb();
  await sandbox.close();
});

describe('workers killed mid-publish', () => {
  it(`publishes ${POSTS} posts due within one minute exactly once while a worker is SIGKILLed every 2 s`, async () => {
    const accounts = [];
    for (let i = 0; i < ACCOUNTS; i++) accounts.push(await connectSandboxUser(sandbox));
    const start = Date.now() + 8_000;
    const created = [];
    for (let i = 0; i < POSTS; i++) {
      const { user, account } = accounts[i % ACCOUNTS]!;
      const at = new Date(start + Math.floor((i / POSTS) * 30_000));
      created.push(await createPost(user.id, createPostInput.parse({ accountId: account.id, parts: [{ text: `chaos post ${i}` }], scheduledAt: at.toISOString() })));
    }

    workers = [spawnWorker(workerEnv), spawnWorker(workerEnv), spawnWorker(workerEnv)];
    await Promise.all(workers.map((w) => waitForWorkerStart(w)));

    const ids = created.map((p) => p.id);
    const publishedCount = async () =>
      (await db().select({ status: posts.status }).from(posts).where(inArray(posts.id, ids))).filter((p) => p.status === 'published').length;

    // Kill one worker every 2 seconds until every post is due and a little more, restarting it
    // each time. The kills are a schedule (the chaos itself), not a wait for something to happen.
    let kills = 0;
    const firstKill = Date.now() + 2_000;
    for (let at = firstKill; at < start + 36_000; at = firstKill + kills * 2_000) {
      await untilTime(at);
      const victim = Math.floor(random() * workers.length);
      workers[victim]!.child.kill('SIGKILL');
      await workers[victim]!.exited;
      workers[victim] = spawnWorker(workerEnv);
      kills++;
    }
    expect(kills).toBeGreaterThanOrEqual(15);

    await waitUntil(async () => (await publishedCount()) === POSTS, { what: 'every post published', timeoutMs: 120_000, intervalMs: 500 });

    const tweets = await sandboxTweets(sandbox);
    const counts = new Map<string, number>();
    for (const t of tweets) counts.set(t.text, (counts.get(t.text) ?? 0) + 1);
    const expected = created.map((p) => p.parts[0]!.text);
    expect(expected.filter((text) => counts.get(text) !== 1)).toEqual([]);
    expect(tweets).toHaveLength(POSTS);
  }, 240_000);
});
