import { eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { closeDb, db } from '@/lib/db';
import { posts } from '@/lib/db/schema';
import { createPost } from '@/lib/posts/commands';
import { createPostInput } from '@/lib/posts/input';
import { claimPost, leaseMs } from '@/lib/publishing/claim';
import { statements } from '@/lib/publishing/statements';
import { closeQueue } from '@/lib/queue';
import { createUserWithAccount } from '../support/fixtures';

afterEach(() => {
  vi.useRealTimers();
});
afterAll(async () => {
  await closeQueue();
  await closeDb();
});

async function duePost(text: string) {
  const { user, account } = await createUserWithAccount();
  return createPost(user.id, createPostInput.parse({ accountId: account.id, parts: [{ text }], publishNow: true }));
}

async function row(postId: string) {
  const [post] = await db().select().from(posts).where(eq(posts.id, postId));
  return post!;
}

describe('a claim is fenced and timed by the database', () => {
  it('a worker whose lease ran out and whose post was claimed again writes nothing', async () => {
    const post = await duePost('fenced');
    const first = await claimPost(post.id, post.revision);
    expect(first).toBeDefined();
    // The first worker stalls past its lease; a second worker takes the post over.
    await db().update(posts).set({ leaseExpiresAt: sql`now() - interval '1 second'` }).where(eq(posts.id, post.id));
    const second = await claimPost(post.id, post.revision);
    expect(second).toBeDefined();
    expect(second!.claimToken).not.toBe(first!.claimToken);

    // Everything the first one tries now changes nothing.
    const s = statements();
    expect(await s.renewLease.execute({ postId: post.id, claimToken: first!.claimToken, leaseMs: leaseMs() })).toHaveLength(0);
    // What the publish step passes beside the claim: the attempt's history row.
    const attempt = { attempt: 1, startedAt: new Date().toISOString(), worker: 'test-1', xStatus: 201 };
    await s.finish.execute({ postId: post.id, claimToken: first!.claimToken, url: 'https://x.com/stale/status/1', ...attempt });
    let now = await row(post.id);
    expect(now).toMatchObject({ status: 'publishing', claimToken: second!.claimToken, publishedUrl: null });

    // The holder's own writes go through.
    expect(await s.renewLease.execute({ postId: post.id, claimToken: second!.claimToken, leaseMs: leaseMs() })).toHaveLength(1);
    await s.finish.execute({ postId: post.id, claimToken: second!.claimToken, url: 'https://x.com/fresh/status/2', ...attempt });
    now = await row(post.id);
    expect(now).toMatchObject({ status: 'published', publishedUrl: 'https://x.com/fresh/status/2', claimToken: null });
  });

  it("lease times come from the database's clock, whatever the worker's clock says", async () => {
    const post = await duePost('skewed clock');
    // This worker's clock is an hour fast.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 3600_000 });
    const claimed = await claimPost(post.id, post.revision);
    vi.useRealTimers();
    expect(claimed).toBeDefined();
    const [clock] = await db().execute<{ now: string }>(sql`select now()::text as now`);
    const dbNow = new Date(clock!.now).getTime();
    const lease = (await row(post.id)).leaseExpiresAt!.getTime();
    expect(lease - dbNow).toBeLessThanOrEqual(leaseMs() + 1_000);
    expect(lease - dbNow).toBeGreaterThan(leaseMs() - 5_000);
  });
});
