import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../x-sandbox/server';
import { config } from '@/lib/config';
import { closeDb } from '@/lib/db';
import { createPost } from '@/lib/posts/commands';
import { createPostInput } from '@/lib/posts/input';
import { getPost } from '@/lib/posts/queries';
import { liveWorkers } from '@/lib/queue/heartbeat';
import { RECONCILE_JOB, SUBSCRIPTION_REFRESH_JOB, SWEEP_JOB, closeQueue, postQueue } from '@/lib/queue';
import { jobIdOf } from '../support/fixtures';
import { connectSandboxUser, control, sandboxTweets, startTestSandbox } from '../support/sandbox';
import { spawnWorker, waitForWorkerStart, waitUntil, type ChildHandle } from '../support/processes';
import { deleteKeys, isolateQueue } from '../support/test-env';

let sandbox: Sandbox;
let worker: ChildHandle;
const output = () => worker.output.text();

/** Waits up to 20 s by default, and says what the worker logged when it gives up. */
function until<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 20_000): Promise<T> {
  return waitUntil(probe, { what, timeoutMs, detail: () => `worker said:\n${output()}` });
}

beforeAll(async () => {
  isolateQueue('worker');
  sandbox = await startTestSandbox();
  worker = spawnWorker({ SCHEDULER_CHECK_MS: '500' });
  await waitForWorkerStart(worker, 20_000);
});

afterAll(async () => {
  await worker.stop();
  await closeQueue();
  await closeDb();
  await sandbox.close();
});

describe('the worker process', () => {
  it('publishes a scheduled post at its time, not before', async () => {
    const { user, account } = await connectSandboxUser(sandbox);
    const at = new Date(Date.now() + 2_000);
    const post = await createPost(user.id, createPostInput.parse({ accountId: account.id, parts: [{ text: 'on the dot' }], scheduledAt: at.toISOString() }));
    const published = await until('publication', async () => {
      const p = await getPost(user.id, post.id);
      return p.status === 'published' ? p : null;
    });
    const [tweet] = await sandboxTweets(sandbox, account.username);
    expect(tweet?.text).toBe('on the dot');
    expect(tweet!.created_at).toBeGreaterThanOrEqual(at.getTime());
    expect(published.url).toContain(tweet!.id);
  });

  it('publishes "post now" at once, even when the job reaches the worker before the post commits', async () => {
    const { user, account } = await connectSandboxUser(sandbox);
    const created = [];
    for (let i = 0; i < 8; i++) {
      created.push(await createPost(user.id, createPostInput.parse({ accountId: account.id, parts: [{ text: `now ${i}` }], publishNow: true })));
    }
    // Well under the scheduler's minute: each job must have found its post itself.
    await until('all eight published', async () => (await sandboxTweets(sandbox, account.username)).length === 8, 10_000);
    for (const post of created) expect((await getPost(user.id, post.id)).status).toBe('published');
  });

  it('registers one cluster-wide scheduler tick a minute, an hourly sweep and the X Premium refresh', async () => {
    const schedulers = await postQueue().getJobSchedulers();
    const registered = schedulers.map((s) => ({ key: s.key, every: Number(s.every) }));
    expect(registered).toContainEqual({ key: RECONCILE_JOB, every: 60_000 });
    expect(registered).toContainEqual({ key: SWEEP_JOB, every: 3600_000 });
    expect(registered).toContainEqual({ key: SUBSCRIPTION_REFRESH_JOB, every: 15 * 60_000 });
  });

  it('publishes posts whose jobs Redis lost: the worker restores the scheduler, which re-queues them', async () => {
    const { user, account } = await connectSandboxUser(sandbox);
    const texts = ['lost 1', 'lost 2', 'lost 3'];
    const created = [];
    for (const text of texts) {
      created.push(await createPost(user.id, createPostInput.parse({ accountId: account.id, parts: [{ text }], scheduledAt: new Date(Date.now() + 1_500).toISOString() })));
    }
    // Redis loses everything of ours, as FLUSHALL would: the jobs and the scheduler's registration.
    await deleteKeys(config().redisUrl, `${config().queuePrefix}:*`);
    expect(await postQueue().getJobState(await jobIdOf(created[0]!.id, 1))).toBe('unknown');

    await until('all three published', async () => (await sandboxTweets(sandbox, account.username)).length === 3);
    expect((await sandboxTweets(sandbox, account.username)).map((t) => t.text).sort()).toEqual(texts);
    for (const post of created) expect((await getPost(user.id, post.id)).status).toBe('published');
    expect(output()).toContain('scheduler_restored');
    expect(output()).toContain('"event":"reconciled"');
  });

  it('on SIGTERM, takes no new job, finishes the one in flight and exits 0', async () => {
    const { user, account } = await connectSandboxUser(sandbox);
    await control(sandbox, 'POST', '/latency', { ms: 1_500 });
    const inFlight = await createPost(user.id, createPostInput.parse({ accountId: account.id, parts: [{ text: 'finish me' }], publishNow: true }));
    await until('the post to be in flight', async () => (await getPost(user.id, inFlight.id)).status === 'publishing');
    worker.child.kill('SIGTERM');
    // The worker drops its heartbeat and then, at once, stops taking jobs (worker/index.ts's shutdown).
    const redis = new Redis(config().redisUrl);
    await until('the worker to stop consuming', async () => (await liveWorkers(redis)).length === 0).finally(() => redis.disconnect());
    const later = await createPost(user.id, createPostInput.parse({ accountId: account.id, parts: [{ text: 'not me' }], publishNow: true }));
    const code = await worker.exited;
    expect(code).toBe(0);
    expect(output()).toContain('worker_stopping');
    await control(sandbox, 'DELETE', '/latency');
    expect((await getPost(user.id, inFlight.id)).status).toBe('published');
    expect((await getPost(user.id, later.id)).status).toBe('queued');
    expect((await sandboxTweets(sandbox, account.username)).map((t) => t.text)).toEqual(['finish me']);
  });
});
