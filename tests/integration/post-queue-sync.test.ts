import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, db } from '@/lib/db';
import { posts } from '@/lib/db/schema';
import { createPost, updatePost } from '@/lib/posts/commands';
import { createPostInput, updatePostInput } from '@/lib/posts/input';
import { getPost } from '@/lib/posts/queries';
import { closeQueue, postQueue } from '@/lib/queue';
import { createUserWithAccount, jobIdOf } from '../support/fixtures';
import { startRedisServer } from '../support/processes';

// A Redis of this file's own, so that stopping it harms no other test.
let redis: Awaited<ReturnType<typeof startRedisServer>>;
beforeAll(async () => {
  redis = await startRedisServer();
  process.env.REDIS_URL = redis.url;
});
afterAll(async () => {
  await closeQueue();
  await closeDb();
  await redis.stop();
});

const inHours = (h: number) => new Date(Date.now() + h * 3600_000);

describe('jobs follow committed posts only', () => {
  it('a transaction that fails at commit leaves no job, so its revision can never fire later', async () => {
    const { user, account } = await createUserWithAccount();
    const post = await createPost(user.id, createPostInput.parse({ accountId: account.id, parts: [{ text: 'moves twice' }], scheduledAt: inHours(1).toISOString() }));
    // Make the next move fail when it commits: a deferred trigger refuses the time it sets.
    const refused = inHours(2);
    await db().execute(sql.raw(`create or replace function herald_test_refuse() returns trigger language plpgsql as $$ begin raise exception 'refused at commit'; end $$`));
    await db().execute(
      sql.raw(
        `create constraint trigger herald_test_refuse after update on posts deferrable initially deferred for each row when (new.scheduled_at = '${refused.toISOString()}') execute function herald_test_refuse()`,
      ),
    );
    try {
      await expect(updatePost(user.id, post.id, updatePostInput.parse({ scheduledAt: refused.toISOString() }))).rejects.toThrow();
    } finally {
      await db().execute(sql.raw('drop trigger herald_test_refuse on posts'));
    }
    // Revision 2 was never committed: it has no job.
    expect(await postQueue().getJobState(await jobIdOf(post.id, 2))).toBe('unknown');
    expect((await getPost(user.id, post.id)).revision).toBe(1);

    // The next move is revision 2; its job fires at the time it sets, not the refused one.
    const moved = inHours(3);
    const next = await updatePost(user.id, post.id, updatePostInput.parse({ scheduledAt: moved.toISOString() }));
    expect(next.revision).toBe(2);
    const job = await postQueue().getJob(await jobIdOf(post.id, 2));
    expect(job).toBeDefined();
    expect(job!.timestamp + (job!.opts.delay ?? 0)).toBeGreaterThan(moved.getTime() - 60_000);
  });

  it('a failed post that is edited or rescheduled starts its attempts afresh, as Retry does', async () => {
    const { user, account } = await createUserWithAccount();
    const post = await createPost(user.id, createPostInput.parse({ accountId: account.id, parts: [{ text: 'tried hard' }] }));
    await db().update(posts).set({ status: 'failed', attempts: 5, lastError: 'gave up' }).where(eq(posts.id, post.id));
    const rescheduled = await updatePost(user.id, post.id, updatePostInput.parse({ scheduledAt: inHours(1).toISOString() }));
    expect(rescheduled).toMatchObject({ status: 'scheduled', attempts: 0, error: null });

    await db().update(posts).set({ status: 'failed', attempts: 5, lastError: 'gave up' }).where(eq(posts.id, post.id));
    const edited = await updatePost(user.id, post.id, updatePostInput.parse({ parts: [{ text: 'tried harder' }] }));
    expect(edited).toMatchObject({ status: 'failed', attempts: 0 });
  });

  it('with Redis unreachable, a post is still saved; the scheduler queues it before it is due', async () => {
    const { user, account } = await createUserWithAccount();
    await redis.stop();
    const started = Date.now();
    const post = await createPost(user.id, createPostInput.parse({ accountId: account.id, parts: [{ text: 'saved anyway' }], scheduledAt: inHours(1).toISOString() }));
    expect(Date.now() - started).toBeLessThan(2_000);
    expect((await getPost(user.id, post.id)).status).toBe('scheduled');
    const moved = await updatePost(user.id, post.id, updatePostInput.parse({ scheduledAt: inHours(2).toISOString() }));
    expect(moved.revision).toBe(2);
  });
});
