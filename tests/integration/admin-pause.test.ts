import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../x-sandbox/server';
import { setPublishingPaused } from '@/lib/admin/pause';
import { config } from '@/lib/config';
import { closeDb } from '@/lib/db';
import { createPost } from '@/lib/posts/commands';
import { createPostInput } from '@/lib/posts/input';
import { getPost } from '@/lib/posts/queries';
import type { PostView } from '@/lib/posts/view';
import { closeQueue, postQueue } from '@/lib/queue';
import { jobIdOf } from '../support/fixtures';
import { connectSandboxUser, sandboxTweets, startTestSandbox } from '../support/sandbox';
import { spawnWorker, waitForWorkerStart, waitUntil, type ChildHandle } from '../support/processes';
import { deleteKeys, isolateQueue } from '../support/test-env';

let sandbox: Sandbox;
let worker: ChildHandle;
const output = () => worker.output.text();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function until<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 20_000): Promise<T> {
  return waitUntil(probe, { what, timeoutMs, detail: () => `worker said:\n${output()}` });
}

async function startWorker() {
  worker = spawnWorker({ SCHEDULER_CHECK_MS: '500' });
  await waitForWorkerStart(worker, 20_000);
}

beforeAll(async () => {
  isolateQueue('admin_pause');
  sandbox = await startTestSandbox();
  await startWorker();
});

afterAll(async () => {
  await worker.stop();
  await closeQueue();
  await closeDb();
  await sandbox.close();
});

describe('pausing publishing (real worker, Redis and Postgres)', () => {
  it('holds posts due while paused, through a worker restart and a Redis flush, then publishes each once on resume', async () => {
    const { user, account } = await connectSandboxUser(sandbox);
    await setPublishingPaused(user.id, true);
    try {
      const texts = ['paused 1', 'paused 2', 'paused 3'];
      const created: PostView[] = [];
      for (const [i, text] of texts.entries()) {
        // Some due at once, some at a time that comes while paused.
        const when = i === 0 ? { publishNow: true } : { scheduledAt: new Date(Date.now() + 1_000).toISOString() };
        created.push(await createPost(user.id, createPostInput.parse({ accountId: account.id, parts: [{ text }], ...when })));
      }
      // The worker met the jobs and parked them: delayed, nothing claimed, nothing sent.
      await until('every job parked', async () => {
        const states = await Promise.all(created.map(async (p) => postQueue().getJobState(await jobIdOf(p.id))));
        return states.every((s) => s === 'delayed');
      });
      await sleep(1_500);
      expect(await sandboxTweets(sandbox, account.username)).toEqual([]);
      for (const post of created) expect(['scheduled', 'queued']).toContain((await getPost(user.id, post.id)).status);

      // A restarted worker, and a Redis that lost everything of ours: the pause is Postgres's.
      await worker.stop();
      await deleteKeys(config().redisUrl, `${config().queuePrefix}:*`);
      await startWorker();
      await until('the scheduler re-queued the lost jobs', async () => output().includes('"event":"reconciled"'));
      await until('the re-queued jobs parked', async () => {
        const states = await Promise.all(created.map(async (p) => postQueue().getJobState(await jobIdOf(p.id))));
        return states.every((s) => s === 'delayed');
      });
      await sleep(1_000);
      expect(await sandboxTweets(sandbox, account.username)).toEqual([]);
    } finally {
      await setPublishingPaused(user.id, false);
    }

    // Resume promotes the parked jobs: out now, not a recheck later; each once.
    await until('all three published', async () => (await sandboxTweets(sandbox, account.username)).length === 3, 10_000);
    await sleep(2_000);
    const tweets = await sandboxTweets(sandbox, account.username);
    expect(tweets.map((t) => t.text).sort()).toEqual(['paused 1', 'paused 2', 'paused 3']);
  });

  it('keeps the periodic jobs running while paused: the scheduler still re-queues a lost job', async () => {
    const { user, account } = await connectSandboxUser(sandbox);
    await setPublishingPaused(user.id, true);
    try {
      const post = await createPost(user.id, createPostInput.parse({ accountId: account.id, parts: [{ text: 'lost while paused' }], publishNow: true }));
      const jobId = await jobIdOf(post.id);
      await until('the job parked', async () => (await postQueue().getJobState(jobId)) === 'delayed');
      await postQueue().remove(jobId);
      expect(await postQueue().getJobState(jobId)).toBe('unknown');
      // A tick of the scheduler, as its every-minute registration would run it.
      await postQueue().add('reconcile', {}, { removeOnComplete: true });
      await until('the lost job re-queued, and parked again', async () => (await postQueue().getJobState(jobId)) === 'delayed');
      expect(await sandboxTweets(sandbox, account.username)).toEqual([]);
    } finally {
      await setPublishingPaused(user.id, false);
    }
    await until('published on resume', async () => (await sandboxTweets(sandbox, account.username)).length === 1, 10_000);
  });
});
