import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createUserWithAccount } from '../support/fixtures';
import { waitUntil } from '../support/processes';
import { createTestEnv, type TestEnv } from '../support/test-env';

// Health looks at the whole database and every worker's heartbeat under the prefix: other test
// files' overdue posts and killed workers' keys must not count, so this file has its own of both.
let own: TestEnv;
beforeAll(async () => {
  own = await createTestEnv('health');
  process.env.DATABASE_URL = own.databaseUrl;
  process.env.QUEUE_PREFIX = own.queuePrefix;
});
afterAll(async () => {
  const { closeDb } = await import('@/lib/db');
  await closeDb();
  await own.drop();
});

type Health = Awaited<ReturnType<typeof import('@/lib/health').health>>;

/** Loads Herald's modules afresh, so the configuration is read from this case's environment. */
async function healthWith(env: Record<string, string>, before?: () => Promise<void>): Promise<Health> {
  vi.resetModules();
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    await before?.();
    const { closeHealth, health } = await import('@/lib/health');
    const { closeQueue } = await import('@/lib/queue');
    const { closeDb } = await import('@/lib/db');
    const report = await health();
    // Also forgets the report, which health() would otherwise reuse for a second.
    await closeHealth();
    await closeQueue();
    await closeDb();
    return report;
  } finally {
    process.env = saved;
  }
}

async function duePostTwoMinutesAgo() {
  const { db } = await import('@/lib/db');
  const { posts, postParts } = await import('@/lib/db/schema');
  const { account, user } = await createUserWithAccount();
  const [post] = await db()
    .insert(posts)
    .values({ userId: user.id, xAccountId: account.id, status: 'scheduled', scheduledAt: new Date(Date.now() - 120_000) })
    .returning();
  await db().insert(postParts).values({ postId: post!.id, position: 0, text: 'overdue' });
  return post!;
}

describe('health', () => {
  it('is ok when Postgres and Redis answer and nothing is overdue, even with no worker', async () => {
    const report = await healthWith({});
    expect(report.ok).toBe(true);
    expect(report.status).toBe('degraded');
    expect(report.checks.postgres).toEqual({ ok: true });
    expect(report.checks.redis).toEqual({ ok: true });
    expect(report.checks.workers).toMatchObject({ ok: false, alive: 0 });
    expect(report.checks.backlog).toEqual({ ok: true, due: 0, oldestDueLagSeconds: 0 });
  });

  it('names Redis when it does not answer', async () => {
    const report = await healthWith({ REDIS_URL: 'redis://127.0.0.1:1' });
    expect(report.ok).toBe(false);
    expect(report.status).toBe('unavailable');
    expect(report.checks.postgres.ok).toBe(true);
    expect(report.checks.redis).toMatchObject({ ok: false, error: expect.any(String) });
  });

  it('names Postgres when it does not answer', async () => {
    const report = await healthWith({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/herald' });
    expect(report.ok).toBe(false);
    expect(report.checks.redis.ok).toBe(true);
    expect(report.checks.postgres.ok).toBe(false);
  });

  it('goes down when posts are due and no worker is publishing them, and counts live workers', async () => {
    const post = await duePostTwoMinutesAgo();
    const down = await healthWith({});
    expect(down.ok).toBe(false);
    expect(down.status).toBe('unavailable');
    expect(down.checks.backlog).toMatchObject({ ok: false, due: 1 });
    expect(down.checks.backlog.oldestDueLagSeconds).toBeGreaterThanOrEqual(119);

    // A live worker (its heartbeat) and a lag under the stuck threshold: up again.
    const redis = new Redis(process.env.REDIS_URL!);
    let stop: (() => Promise<void>) | undefined;
    const up = await healthWith({}, async () => {
      const { liveWorkers, startHeartbeat } = await import('@/lib/queue/heartbeat');
      stop = startHeartbeat(redis, { concurrency: 3, active: () => 0 });
      await waitUntil(async () => (await liveWorkers(redis)).length > 0, { what: 'the first heartbeat', timeoutMs: 5_000, intervalMs: 10 });
    });
    await stop?.();
    redis.disconnect();
    expect(up.ok).toBe(true);
    expect(up.status).toBe('ok');
    expect(up.checks.workers).toEqual({ ok: true, alive: 1 });

    const { db } = await import('@/lib/db');
    const { posts } = await import('@/lib/db/schema');
    const { eq } = await import('drizzle-orm');
    await db().delete(posts).where(eq(posts.id, post.id));
  });

  it('says degraded, not down, while an admin has paused publishing and due posts wait on purpose', async () => {
    const post = await duePostTwoMinutesAgo();
    const { db } = await import('@/lib/db');
    const { posts, publishingState } = await import('@/lib/db/schema');
    const { eq } = await import('drizzle-orm');
    await db().insert(publishingState).values({ paused: true });
    try {
      const report = await healthWith({});
      expect(report.ok).toBe(true);
      expect(report.status).toBe('degraded');
      expect(report.checks.backlog).toMatchObject({ ok: true, due: 1, paused: true });
    } finally {
      await db().delete(publishingState);
      await db().delete(posts).where(eq(posts.id, post.id));
    }
  });
});
