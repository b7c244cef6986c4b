import { afterAll, describe, expect, it } from 'vitest';
import { sessionActor } from '@/lib/auth/actor';
import { closeDb } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { closeQueue, postQueue } from '@/lib/queue';
import { createPost, deletePost, retryPost, updatePost } from '@/lib/posts/commands';
import { createPostInput, updatePostInput } from '@/lib/posts/input';
import { getPost, listPosts } from '@/lib/posts/queries';
import { db } from '@/lib/db';
import { posts } from '@/lib/db/schema';
import { eq } from 'drizzle-orm';
import { createUserWithAccount, jobIdOf } from '../support/fixtures';

const inAMinute = () => new Date(Date.now() + 60_000).toISOString();

async function jobState(postId: string, revision: number) {
  return postQueue().getJobState(await jobIdOf(postId, revision));
}

async function expectAppError(work: Promise<unknown>, status: number) {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).status).toBe(status);
  return error as AppError;
}

afterAll(async () => {
  await closeQueue();
  await closeDb();
});

describe('creating posts', () => {
  it('saves a scheduled post and its delayed job in one operation', async () => {
    const { user, account } = await createUserWithAccount();
    const at = new Date(Date.now() + 3600_000);
    const post = await createPost(user.id, createPostInput.parse({ accountId: account.id, parts: [{ text: 'hello' }], scheduledAt: at.toISOString() }));
    expect(post.status).toBe('scheduled');
    expect(post.scheduledAt).toBe(at.toISOString());
    expect(post.parts).toEqual([{ position: 0, text: 'hello', xPostId: null, media: [], poll: null, quotePostId: null, replyToPostId: null }]);
    const job = await postQueue().getJob(await jobIdOf(post.id));
    expect(await job?.getState()).toBe('delayed');
    expect(job?.data).toEqual({ postId: post.id, revision: 1 });
    expect(job!.opts.delay).toBeGreaterThan(3590_000);
  });

  it('keeps a post without a time as a draft, with no job', async () => {
    const { user, account } = await createUserWithAccount();
    const post = await createPost(user.id, createPostInput.parse({ accountId: account.id, parts: [{ text: 'later' }] }));
    expect(post.status).toBe('draft');
    expect(await jobState(post.id, post.revision)).toBe('unknown');
  });

  it('refuses text over what any account may post (25,000 with X Premium), naming the part, with the other field errors', () => {
    const accountId = crypto.randomUUID();
    const tooLong = createPostInput.safeParse({ accountId, parts: [{ text: 'fine' }, { text: '日'.repeat(12_501) }], scheduledAt: 'tomorrow' });
    expect(tooLong.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`).sort()).toEqual([
      'parts.1.text: Post text is 25,002 characters; X allows 25,000',
      'scheduledAt: Must be an ISO 8601 date-time with a time zone, e.g. 2026-12-01T09:30:00Z',
    ]);
    expect(createPostInput.safeParse({ accountId, parts: [{ text: '日'.repeat(12_500) }] }).success).toBe(true);
    expect(updatePostInput.safeParse({ parts: [{ text: '日'.repeat(12_501) }] }).success).toBe(false);
    // The account's own limit (280 without Premium) is checked with the account: tests/integration/premium.test.ts.
  });

  it('refuses past times and unknown fields', () => {
    const accountId = crypto.randomUUID();
    expect(createPostInput.safeParse({ accountId, parts: [{ text: 'x' }], scheduledAt: '2001-01-01T00:00:00Z' }).success).toBe(false);
    expect(createPostInput.safeParse({ accountId, parts: [{ text: 'x' }], scheduledAt: '2030-01-01 10:00' }).success).toBe(false);
    expect(createPostInput.safeParse({ accountId, parts: [], scheduledAt: inAMinute() }).success).toBe(false);
    expect(createPostInput.safeParse({ accountId, parts: [{ text: 'x' }], extra: 1 }).success).toBe(false);
  });

  it("refuses another user's account", async () => {
    const { user } = await createUserWithAccount();
    const other = await createUserWithAccount();
    const error = await expectAppError(createPost(user.id, createPostInput.parse({ accountId: other.account.id, parts: [{ text: 'x' }] })), 400);
    expect(error.fields).toEqual({ accountId: ['Unknown account'] });
  });
});

describe('changing posts', () => {
  it('rescheduling replaces the job; the old revision is gone from the queue', async () => {
    const { user, account } = await createUserWithAccount();
    const post = await createPost(user.id, createPostInput.parse({ accountId: account.id, parts: [{ text: 'move me' }], scheduledAt: inAMinute() }));
    const later = new Date(Date.now() + 7200_000);
    const moved = await updatePost(user.id, post.id, updatePostInput.parse({ scheduledAt: later.toISOString() }));
    expect(moved.revision).toBe(2);
    expect(moved.scheduledAt).toBe(later.toISOString());
    expect(await jobState(post.id, 1)).toBe('unknown');
    expect(await jobState(post.id, 2)).toBe('delayed');
  });

  it('cancelling removes the job and keeps the post as cancelled', async () => {
    const { user, account } = await createUserWithAccount();
    const post = await createPost(user.id, createPostInput.parse({ accountId: account.id, parts: [{ text: 'never' }], scheduledAt: inAMinute() }));
    const cancelled = await updatePost(user.id, post.id, updatePostInput.parse({ status: 'cancelled' }));
    expect(cancelled.status).toBe('cancelled');
    expect(await jobState(post.id, 1)).toBe('unknown');
    expect(await jobState(post.id, 2)).toBe('unknown');
  });

  it("hides other users' posts as not found", async () => {
    const owner = await createUserWithAccount();
    const stranger = await createUserWithAccount();
    const post = await createPost(owner.user.id, createPostInput.parse({ accountId: owner.account.id, parts: [{ text: 'mine' }] }));
    await expectAppError(getPost(stranger.user.id, post.id), 404);
    await expectAppError(updatePost(stranger.user.id, post.id, updatePostInput.parse({ status: 'cancelled' })), 404);
    await expectAppError(deletePost(stranger.user.id, post.id), 404);
    await expectAppError(retryPost(sessionActor(stranger.user.id), post.id), 404);
    expect((await listPosts(stranger.user.id, {})).posts).toEqual([]);
    expect((await getPost(owner.user.id, post.id)).status).toBe('draft');
  });

  it('refuses changes while a post is being published', async () => {
    const { user, account } = await createUserWithAccount();
    const post = await createPost(user.id, createPostInput.parse({ accountId: account.id, parts: [{ text: 'busy' }], scheduledAt: inAMinute() }));
    await db().update(posts).set({ status: 'publishing' }).where(eq(posts.id, post.id));
    const error = await expectAppError(updatePost(user.id, post.id, updatePostInput.parse({ parts: [{ text: 'late edit' }] })), 409);
    expect(error.message).toMatch(/being published/);
    await expectAppError(deletePost(user.id, post.id), 409);
    expect((await getPost(user.id, post.id)).parts[0]?.text).toBe('busy');
  });

  it('retries only failed posts, with a fresh revision queued now', async () => {
    const { user, account } = await createUserWithAccount();
    const post = await createPost(user.id, createPostInput.parse({ accountId: account.id, parts: [{ text: 'again' }] }));
    await expectAppError(retryPost(sessionActor(user.id), post.id), 409);
    await db().update(posts).set({ status: 'failed', lastError: 'boom', attempts: 3 }).where(eq(posts.id, post.id));
    const retried = await retryPost(sessionActor(user.id), post.id);
    expect(retried.status).toBe('queued');
    expect(retried.error).toBeNull();
    expect(retried.attempts).toBe(0);
    expect(['waiting', 'delayed']).toContain(await jobState(post.id, retried.revision));
  });
});
