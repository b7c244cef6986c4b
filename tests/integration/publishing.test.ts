import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../x-sandbox/server';
import { closeDb, db } from '@/lib/db';
import { postParts, posts, xAccounts } from '@/lib/db/schema';
import { openToken } from '@/lib/accounts/secrets';
import { createPost, updatePost } from '@/lib/posts/commands';
import { createPostInput, updatePostInput } from '@/lib/posts/input';
import { getPost } from '@/lib/posts/queries';
import { publishPost } from '@/lib/publishing/publish';
import { closeQueue, postQueue } from '@/lib/queue';
import { jobIdOf } from '../support/fixtures';
import { reconcile } from '@/lib/publishing/reconcile';
import { config } from '@/lib/config';
import { deleteKeys } from '../support/test-env';
import { connectSandboxUser, control, sandboxTweets, startTestSandbox } from '../support/sandbox';

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startTestSandbox();
});

afterEach(async () => {
  await control(sandbox, 'DELETE', '/faults');
});

afterAll(async () => {
  await closeQueue();
  await closeDb();
  await sandbox.close();
});

async function postNow(userId: string, accountId: string, texts: string[]) {
  return createPost(userId, createPostInput.parse({ accountId, parts: texts.map((text) => ({ text })), publishNow: true }));
}

describe('publishing a post', () => {
  it('publishes once, records the X id and the URL', async () => {
    const { user, account } = await connectSandboxUser(sandbox);
    const post = await postNow(user.id, account.id, ['first light']);
    const result = await publishPost(post.id, post.revision);
    expect(result.outcome).toBe('published');

    const tweets = await sandboxTweets(sandbox, account.username);
    expect(tweets.map((t) => t.text)).toEqual(['first light']);
    const saved = await getPost(user.id, post.id);
    expect(saved.status).toBe('published');
    expect(saved.parts[0]?.xPostId).toBe(tweets[0]!.id);
    expect(saved.url).toBe(`https://x.com/${account.username}/status/${tweets[0]!.id}`);
    expect(saved.attempts).toBe(1);

    // The same job delivered again (a stalled job, a second worker) does nothing.
    expect((await publishPost(post.id, post.revision)).outcome).toBe('stale');
    expect(await sandboxTweets(sandbox, account.username)).toHaveLength(1);
  });

  it('publishes a thread as a reply chain', async () => {
    const { user, account } = await connectSandboxUser(sandbox);
    const post = await postNow(user.id, account.id, ['one', 'two', 'three']);
    expect((await publishPost(post.id, post.revision)).outcome).toBe('published');
    const tweets = await sandboxTweets(sandbox, account.username);
    expect(tweets.map((t) => t.text)).toEqual(['one', 'two', 'three']);
    expect(tweets.map((t) => t.reply_to)).toEqual([null, tweets[0]!.id, tweets[1]!.id]);
  });

  it('does nothing for a revision that was edited or cancelled', async () => {
    const { user, account } = await connectSandboxUser(sandbox);
    const post = await createPost(user.id, createPostInput.parse({ accountId: account.id, parts: [{ text: 'old' }], scheduledAt: new Date(Date.now() + 60_000).toISOString() }));
    await updatePost(user.id, post.id, updatePostInput.parse({ status: 'cancelled' }));
    expect((await publishPost(post.id, post.revision)).outcome).toBe('stale');
    expect(await sandboxTweets(sandbox, account.username)).toEqual([]);
    expect((await getPost(user.id, post.id)).status).toBe('cancelled');
  });

  it('fails a duplicate at once with a reason a person can act on', async () => {
    const { user, account } = await connectSandboxUser(sandbox);
    const first = await postNow(user.id, account.id, ['same words']);
    await publishPost(first.id, first.revision);
    const second = await postNow(user.id, account.id, ['same words']);
    const result = await publishPost(second.id, second.revision);
    expect(result.outcome).toBe('failed');
    const saved = await getPost(user.id, second.id);
    expect(saved.status).toBe('failed');
    expect(saved.error).toMatch(/duplicate/i);
    expect(await sandboxTweets(sandbox, account.username)).toHaveLength(1);
  });

  it('retries a 503 later, showing when, then publishes', async () => {
    const { user, account } = await connectSandboxUser(sandbox);
    await control(sandbox, 'POST', '/faults', { path: '/2/tweets', method: 'POST', status: 503, times: 1 });
    const post = await postNow(user.id, account.id, ['through the storm']);
    const result = await publishPost(post.id, post.revision);
    expect(result.outcome).toBe('retry');
    const waiting = await getPost(user.id, post.id);
    expect(waiting.status).toBe('queued');
    expect(waiting.error).toMatch(/X had a problem \(503\)/);
    expect(waiting.retry).toEqual({ attempt: 2, of: 5, nextAt: waiting.nextAttemptAt });
    expect(new Date(waiting.retry!.nextAt).getTime()).toBeGreaterThan(Date.now());

    expect((await publishPost(post.id, post.revision)).outcome).toBe('published');
    expect((await sandboxTweets(sandbox, account.username)).map((t) => t.text)).toEqual(['through the storm']);
  });

  it('finds a post X created before the connection dropped, instead of posting it again', async () => {
    const { user, account } = await connectSandboxUser(sandbox);
    await control(sandbox, 'POST', '/faults', { path: '/2/tweets', method: 'POST', dropAfterCreate: true, times: 1 });
    const post = await postNow(user.id, account.id, ['did it land?']);
    expect((await publishPost(post.id, post.revision)).outcome).toBe('published');
    const tweets = await sandboxTweets(sandbox, account.username);
    expect(tweets).toHaveLength(1);
    expect((await getPost(user.id, post.id)).parts[0]?.xPostId).toBe(tweets[0]!.id);
  });

  it('refreshes an expired access token and stores the rotated refresh token', async () => {
    const { user, account, tokens } = await connectSandboxUser(sandbox);
    await control(sandbox, 'POST', '/tokens/expire', { username: account.username });
    await db().update(xAccounts).set({ tokenExpiresAt: new Date(Date.now() - 1000) }).where(eq(xAccounts.id, account.id));
    const post = await postNow(user.id, account.id, ['fresh token']);
    expect((await publishPost(post.id, post.revision)).outcome).toBe('published');
    const [row] = await db().select().from(xAccounts).where(eq(xAccounts.id, account.id));
    expect(row!.status).toBe('active');
    expect(openToken(row!.xUserId, 'refresh', row!.refreshTokenEnc!)).not.toBe(tokens.refresh_token);
    expect(row!.tokenExpiresAt.getTime()).toBeGreaterThan(Date.now() + 3600_000);
  });

  it('marks the account reconnect_needed when X refuses the refresh token', async () => {
    const { user, account } = await connectSandboxUser(sandbox);
    await control(sandbox, 'POST', '/tokens/revoke-refresh', { username: account.username });
    await db().update(xAccounts).set({ tokenExpiresAt: new Date(Date.now() - 1000) }).where(eq(xAccounts.id, account.id));
    const post = await postNow(user.id, account.id, ['no access']);
    expect((await publishPost(post.id, post.revision)).outcome).toBe('failed');
    expect((await getPost(user.id, post.id)).error).toBe(`Reconnect @${account.username}: X no longer accepts Herald's access to this account.`);
    const [row] = await db().select().from(xAccounts).where(eq(xAccounts.id, account.id));
    expect(row!.status).toBe('reconnect_needed');
    expect(await sandboxTweets(sandbox, account.username)).toEqual([]);
  });

  it('resumes a 5-part thread whose third part failed transiently: parts 3-5 once, in the right chain', async () => {
    const { user, account } = await connectSandboxUser(sandbox);
    // Parts 1-2 go through, part 3 meets a 503.
    await control(sandbox, 'POST', '/faults', { path: '/2/tweets', method: 'POST', status: 503, skip: 2, times: 1 });
    const post = await postNow(user.id, account.id, ['a', 'b', 'c', 'd', 'e']);
    expect((await publishPost(post.id, post.revision)).outcome).toBe('retry');
    const parts = await db().select().from(postParts).where(eq(postParts.postId, post.id));
    expect(parts.filter((p) => p.xPostId).length).toBe(2);
    expect((await getPost(user.id, post.id)).status).toBe('queued');

    expect((await publishPost(post.id, post.revision)).outcome).toBe('published');
    const tweets = await sandboxTweets(sandbox, account.username);
    expect(tweets.map((t) => t.text)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(tweets.map((t) => t.reply_to)).toEqual([null, ...tweets.slice(0, 4).map((t) => t.id)]);
    const [row] = await db().select().from(posts).where(eq(posts.id, post.id));
    expect(row!.attempts).toBe(2);
  });

  it('a part sent by a worker that died is found on the timeline, not sent again', async () => {
    const { user, account, tokens } = await connectSandboxUser(sandbox);
    const post = await postNow(user.id, account.id, ['sent before the crash https://example.com/a']);
    // The dead worker's request reached X: the post exists, Herald only knows it was sent.
    const res = await fetch(`${sandbox.url}/2/tweets`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.access_token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'sent before the crash https://example.com/a' }),
    });
    expect(res.status).toBe(201);
    await db().update(postParts).set({ sentAt: new Date() }).where(eq(postParts.postId, post.id));
    await db().update(posts).set({ status: 'publishing', leaseExpiresAt: new Date(Date.now() - 1) }).where(eq(posts.id, post.id));

    expect((await publishPost(post.id, post.revision)).outcome).toBe('published');
    const tweets = await sandboxTweets(sandbox, account.username);
    expect(tweets).toHaveLength(1);
    expect((await getPost(user.id, post.id)).parts[0]?.xPostId).toBe(tweets[0]!.id);
  });

  it('does not send again while it cannot check whether the last attempt went through', async () => {
    const { user, account } = await connectSandboxUser(sandbox);
    await control(sandbox, 'POST', '/faults', [
      { path: '/2/tweets', method: 'POST', dropAfterCreate: true, times: 1 },
      { path: '/2/users/*/tweets', method: 'GET', status: 503, times: 2 },
    ]);
    const post = await postNow(user.id, account.id, ['maybe out']);
    expect((await publishPost(post.id, post.revision)).outcome).toBe('retry');
    expect((await publishPost(post.id, post.revision)).outcome).toBe('retry');
    expect(await sandboxTweets(sandbox, account.username)).toHaveLength(1);

    // X answers again: the earlier post is found and recorded; nothing is sent twice.
    expect((await publishPost(post.id, post.revision)).outcome).toBe('published');
    expect(await sandboxTweets(sandbox, account.username)).toHaveLength(1);
  });
});

describe('a job that fires before the post is due', () => {
  async function scheduleIn(ms: number, text: string) {
    const { user, account } = await connectSandboxUser(sandbox);
    const at = new Date(Date.now() + ms);
    const post = await createPost(user.id, createPostInput.parse({ accountId: account.id, parts: [{ text }], scheduledAt: at.toISOString() }));
    return { user, account, post, at };
  }

  it('within the lead, gets ready and sends at the post time itself, not before', async () => {
    const { user, account, post, at } = await scheduleIn(400, 'held until due');
    expect((await publishPost(post.id, post.revision)).outcome).toBe('published');
    const [tweet] = await sandboxTweets(sandbox, account.username);
    expect(tweet!.created_at).toBeGreaterThanOrEqual(at.getTime());
    const saved = await getPost(user.id, post.id);
    expect(saved.status).toBe('published');
    // Marked sent while held: everything but the create call itself happened before the time.
    const [part] = await db().select().from(postParts).where(eq(postParts.postId, post.id));
    expect(part!.sentAt!.getTime()).toBeLessThanOrEqual(at.getTime());
  });

  it('far too early (clocks disagree), puts the post back for its time without spending an attempt', async () => {
    const { user, account, post, at } = await scheduleIn(60_000, 'not yet');
    expect(await publishPost(post.id, post.revision)).toEqual({ outcome: 'too_early', at: new Date(at.getTime() - config().publishLeadMs) });
    const saved = await getPost(user.id, post.id);
    expect(saved.status).toBe('scheduled');
    expect(saved.attempts).toBe(0);
    expect(await sandboxTweets(sandbox, account.username)).toHaveLength(0);
    // Nothing was sent, so the next attempt has nothing to look up first.
    const [part] = await db().select().from(postParts).where(eq(postParts.postId, post.id));
    expect(part!.sentAt).toBeNull();
  });
});

describe('the scheduler', () => {
  it('re-queues due posts missing from the queue, and only those', async () => {
    const { user, account } = await connectSandboxUser(sandbox);
    const soon = new Date(Date.now() + 5_000).toISOString();
    const due = await createPost(user.id, createPostInput.parse({ accountId: account.id, parts: [{ text: 'due' }], scheduledAt: soon }));
    const later = await createPost(user.id, createPostInput.parse({ accountId: account.id, parts: [{ text: 'later' }], scheduledAt: new Date(Date.now() + 3600_000).toISOString() }));
    await deleteKeys(config().redisUrl, `${config().queuePrefix}:*`);

    // Other test files share this database: count only what is ours.
    const report = await reconcile(postQueue());
    expect(report.requeued).toBeGreaterThanOrEqual(1);
    expect(await postQueue().getJobState(await jobIdOf(due.id))).toBe('delayed');
    // Beyond the next tick: the tick after will see it, no need to hold it in Redis early.
    expect(await postQueue().getJobState(await jobIdOf(later.id))).toBe('unknown');
    expect((await reconcile(postQueue())).requeued).toBe(0);
  });

  it('takes back a post whose publisher died mid-way, once its lease ran out', async () => {
    const { user, account } = await connectSandboxUser(sandbox);
    const post = await createPost(user.id, createPostInput.parse({ accountId: account.id, parts: [{ text: 'orphan' }] }));
    await db().update(posts).set({ status: 'publishing', revision: 2, leaseExpiresAt: new Date(Date.now() - 1000), scheduledAt: new Date() }).where(eq(posts.id, post.id));
    const report = await reconcile(postQueue());
    expect(report.recovered).toBe(1);
    expect((await publishPost(post.id, 2)).outcome).toBe('published');
    expect((await sandboxTweets(sandbox, account.username)).map((t) => t.text)).toEqual(['orphan']);
  });
});

