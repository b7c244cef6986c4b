import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../x-sandbox/server';
import { closeDb, db } from '@/lib/db';
import { posts } from '@/lib/db/schema';
import { createPost } from '@/lib/posts/commands';
import { createPostInput } from '@/lib/posts/input';
import { closeQueue } from '@/lib/queue';
import { spawnWorker, stopWorkers, waitUntil, waitForWorkerStart, type ChildHandle } from '../support/processes';
import { isolateQueue } from '../support/test-env';
import { connectSandboxUser, control, sandboxTweets, startTestSandbox } from '../support/sandbox';

let sandbox: Sandbox;
let workers: ChildHandle[] = [];
const env = { PUBLISH_RETRY_BASE_MS: '200', PUBLISH_MAX_ATTEMPTS: '10', WORKER_CONCURRENCY: '5' };

beforeAll(async () => {
  isolateQueue('faults');
  sandbox = await startTestSandbox();
});

afterAll(async () => {
  await stopWorkers(workers);
  await closeQueue();
  await closeDb();
  await sandbox.close();
});

describe('X misbehaving', () => {
  it('503s, 429s with a reset and connections dropped after the post was made: each post once, or failed for the right reason', async () => {
    const accounts = [];
    for (let i = 0; i < 4; i++) accounts.push(await connectSandboxUser(sandbox));
    await control(sandbox, 'POST', '/faults', [
      { path: '/2/tweets', method: 'POST', dropAfterCreate: true, skip: 2, times: 6 },
      { path: '/2/tweets', method: 'POST', status: 503, times: 6 },
      { path: '/2/tweets', method: 'POST', status: 429, resetInSeconds: 2, times: 3 },
    ]);

    const due = new Date(Date.now() + 3_000).toISOString();
    const created = [];
    for (let i = 0; i < 40; i++) {
      const { user, account } = accounts[i % 4]!;
      created.push(await createPost(user.id, createPostInput.parse({ accountId: account.id, parts: [{ text: `weather ${i}` }], scheduledAt: due })));
    }
    // The same words twice from one account: X refuses the second for good.
    const { user, account } = accounts[0]!;
    const duplicate = await createPost(user.id, createPostInput.parse({ accountId: account.id, parts: [{ text: 'weather 0' }], scheduledAt: new Date(Date.now() + 12_000).toISOString() }));

    workers = [spawnWorker(env), spawnWorker(env)];
    await Promise.all(workers.map((w) => waitForWorkerStart(w)));

    const ids = [...created.map((p) => p.id), duplicate.id];
    await waitUntil(
      async () => (await db().select({ status: posts.status }).from(posts).where(inArray(posts.id, ids))).every((p) => p.status === 'published' || p.status === 'failed'),
      { what: 'every post settled', timeoutMs: 90_000, intervalMs: 500 },
    );

    const tweets = await sandboxTweets(sandbox);
    const counts = new Map<string, number>();
    for (const t of tweets) counts.set(`${t.username}:${t.text}`, (counts.get(`${t.username}:${t.text}`) ?? 0) + 1);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    for (const post of created) {
      const [row] = await db().select().from(posts).where(eq(posts.id, post.id));
      expect(row!.status).toBe('published');
      expect(counts.get(`${post.accountUsername}:${post.parts[0]!.text}`)).toBe(1);
    }
    const [refused] = await db().select().from(posts).where(eq(posts.id, duplicate.id));
    expect(refused!.status).toBe('failed');
    expect(refused!.lastError).toMatch(/duplicate/i);
    expect(refused!.lastErrorClass).toBe('permanent');

    // Every fault was met: the scenario really happened.
    const requests = await control<{ fault: string | null; dropped: boolean; status: number | null }[]>(sandbox, 'GET', '/requests?path=/2/tweets&method=POST');
    expect(requests.filter((r) => r.dropped).length).toBe(6);
    expect(requests.filter((r) => r.status === 503).length).toBe(6);
    expect(requests.filter((r) => r.status === 429).length).toBe(3);
  }, 150_000);
});
