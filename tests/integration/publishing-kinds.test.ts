import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../x-sandbox/server';
import { closeDb } from '@/lib/db';
import { createPost } from '@/lib/posts/commands';
import { createPostInput } from '@/lib/posts/input';
import { getPost } from '@/lib/posts/queries';
import { publishPost } from '@/lib/publishing/publish';
import { closeQueue } from '@/lib/queue';
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

/** A post someone else already has on X, mentioning `mention` so that they may answer it. */
async function someonesPost(mention: string): Promise<string> {
  const other = await connectSandboxUser(sandbox);
  const res = await fetch(`${sandbox.url}/2/tweets`, {
    method: 'POST',
    headers: { authorization: `Bearer ${other.tokens.access_token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ text: `What do you think, @${mention}?` }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { data: { id: string } }).data.id;
}

describe('publishing polls, quotes, replies and who can reply', () => {
  it("sends each in X's shapes: the reply target on the first part, the poll and quote on theirs, who can reply on every part", async () => {
    const { user, account } = await connectSandboxUser(sandbox);
    const target = await someonesPost(account.username);
    const post = await createPost(
      user.id,
      createPostInput.parse({
        accountId: account.id,
        publishNow: true,
        replySettings: 'following',
        parts: [
          { text: 'Tea or coffee?', poll: { options: [' Tea ', 'Coffee'], durationMinutes: 1440 }, replyToPostId: `https://x.com/someone/status/${target}?s=20` },
          { text: 'Context:', quotePostId: target },
        ],
      }),
    );
    expect((await publishPost(post.id, post.revision)).outcome).toBe('published');

    const [first, second] = await sandboxTweets(sandbox, account.username);
    expect(first!.body).toEqual({
      text: 'Tea or coffee?',
      reply: { in_reply_to_tweet_id: target },
      poll: { options: ['Tea', 'Coffee'], duration_minutes: 1440 },
      reply_settings: 'following',
    });
    expect(second!.body).toEqual({
      text: 'Context:',
      reply: { in_reply_to_tweet_id: first!.id },
      quote_tweet_id: target,
      reply_settings: 'following',
    });
    expect(first).toMatchObject({ reply_to: target, poll: { options: ['Tea', 'Coffee'], duration_minutes: 1440 }, reply_settings: 'following', quote_tweet_id: null });
    expect(second).toMatchObject({ reply_to: first!.id, poll: null, reply_settings: 'following', quote_tweet_id: target });
    expect((await getPost(user.id, post.id)).parts.map((p) => p.xPostId)).toEqual([first!.id, second!.id]);
  });

  it('sends nothing new for a plain post: everyone may reply', async () => {
    const { user, account } = await connectSandboxUser(sandbox);
    const post = await createPost(user.id, createPostInput.parse({ accountId: account.id, publishNow: true, parts: [{ text: 'plain' }] }));
    expect((await publishPost(post.id, post.revision)).outcome).toBe('published');
    const [tweet] = await sandboxTweets(sandbox, account.username);
    expect(tweet!.body).toEqual({ text: 'plain' });
    expect(tweet!.reply_settings).toBeNull();
  });

  it('fails at once, saying why, when X does not know the post to answer or quote', async () => {
    const { user, account } = await connectSandboxUser(sandbox);
    for (const extra of [{ replyToPostId: '999999999999999999' }, { quotePostId: '999999999999999999' }]) {
      const post = await createPost(user.id, createPostInput.parse({ accountId: account.id, publishNow: true, parts: [{ text: `answer ${Object.keys(extra)[0]}`, ...extra }] }));
      expect((await publishPost(post.id, post.revision)).outcome).toBe('failed');
      expect((await getPost(user.id, post.id)).error).toMatch(/^X refused the post: You attempted to (reply to|quote) a Tweet that is deleted or not visible to you\.$/);
    }
    expect(await sandboxTweets(sandbox, account.username)).toEqual([]);
  });

  it('finds a reply with a poll on the timeline when its answer was lost, and does not send it twice', async () => {
    const { user, account } = await connectSandboxUser(sandbox);
    const target = await someonesPost(account.username);
    await control(sandbox, 'POST', '/faults', { path: '/2/tweets', method: 'POST', dropAfterCreate: true, times: 1 });
    const post = await createPost(
      user.id,
      createPostInput.parse({
        accountId: account.id,
        publishNow: true,
        parts: [
          { text: 'Lost answer, https://example.com', poll: { options: ['a', 'b'], durationMinutes: 5 }, replyToPostId: target },
          { text: 'and a quote', quotePostId: target },
        ],
      }),
    );
    expect((await publishPost(post.id, post.revision)).outcome).toBe('published');
    const tweets = await sandboxTweets(sandbox, account.username);
    expect(tweets.map((t) => t.reply_to)).toEqual([target, tweets[0]!.id]);
    expect((await getPost(user.id, post.id)).parts.map((p) => p.xPostId)).toEqual(tweets.map((t) => t.id));
  });
});
