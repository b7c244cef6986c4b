import { and, eq, inArray, not } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Sandbox } from '../../x-sandbox/server';
import { finishConnect, startConnect } from '@/lib/accounts/connect';
import { connectAccount } from '@/lib/accounts/commands';
import { refreshSubscriptions } from '@/lib/accounts/subscription';
import { closeDb, db } from '@/lib/db';
import { postParts, users, xAccounts } from '@/lib/db/schema';
import { createPost, updatePost } from '@/lib/posts/commands';
import { createPostInput, updatePostInput } from '@/lib/posts/input';
import { getPost } from '@/lib/posts/queries';
import { publishPost } from '@/lib/publishing/publish';
import { closeQueue } from '@/lib/queue';
import { PROFILE_FIELDS, identityFromProfile } from '@/lib/x/profile';
import { connectSandboxUser, control, sandboxTweets, startTestSandbox } from '../support/sandbox';
import { refusal } from '../support/refusal';

// Who is signed in, for the routes (Auth.js needs Next's request context to read its cookie).
const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock('@/lib/auth/session', () => ({
  currentUser: async () => (session.userId ? { id: session.userId, name: null, image: null } : null),
}));

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
beforeEach(() => {
  session.userId = null;
});
afterAll(async () => {
  await closeQueue();
  await closeDb();
  await sandbox.close();
});

type Connected = Awaited<ReturnType<typeof connectSandboxUser>>;

const long = (label: string, length = 2_000) => `${label} `.padEnd(length, 'x');
const subscribe = (username: string, subscriptionType: string) => control(sandbox, 'POST', '/users/subscription', { username, subscriptionType });
const accountRow = async (id: string) => (await db().select().from(xAccounts).where(eq(xAccounts.id, id)))[0]!;
const createsSince = async (seq: number) => (await control<unknown[]>(sandbox, 'GET', `/requests?path=/2/tweets&method=POST&since=${seq}`)).length;
const lastSeq = async () => (await control<{ seq: number }[]>(sandbox, 'GET', '/requests')).at(-1)?.seq ?? 0;

async function postThroughApi(connected: Connected, parts: string[]) {
  const { POST } = await import('@/app/api/v1/posts/route');
  session.userId = connected.user.id;
  const res = await POST(
    new Request('http://localhost:3000/api/v1/posts', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ accountId: connected.account.id, parts: parts.map((text) => ({ text })), publishNow: true }),
    }),
    { params: Promise.resolve({}) },
  );
  return { status: res.status, body: (await res.json()) as { post?: { id: string; revision: number }; error?: string; fields?: Record<string, string[]> } };
}

/** Follows the authorize URL to the sandbox's consent form and approves it as `username`, with a subscription. */
async function approve(authorizeUrl: string, username: string, subscriptionType: string): Promise<URLSearchParams> {
  const url = new URL(authorizeUrl);
  const res = await fetch(`${url.origin}${url.pathname}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...Object.fromEntries(url.searchParams), new_username: username, subscription_type: subscriptionType, action: 'authorize' }),
    redirect: 'manual',
  });
  expect(res.status).toBe(302);
  return new URL(res.headers.get('location')!).searchParams;
}

describe('reading X Premium', () => {
  it('sign-in: the profile Auth.js asks X for carries subscription_type, and it is stored with the account', async () => {
    const username = `signin${Date.now().toString(36).slice(-6)}`;
    await control(sandbox, 'POST', '/users', { username, subscriptionType: 'Premium' });
    const tokens = await control<{ access_token: string; refresh_token: string; scope: string }>(sandbox, 'POST', '/tokens', { username });
    // The URL lib/auth gives Auth.js as `userinfo`.
    const profile = await (await fetch(`${sandbox.url}/2/users/me?user.fields=${PROFILE_FIELDS.join(',')}`, { headers: { authorization: `Bearer ${tokens.access_token}` } })).json();
    const identity = identityFromProfile(profile);
    expect(identity?.subscriptionType).toBe('Premium');

    const [user] = await db().insert(users).values({ name: username }).returning();
    const stored = { accessToken: tokens.access_token, refreshToken: tokens.refresh_token, expiresAt: new Date(Date.now() + 3600_000), scope: tokens.scope };
    const view = await connectAccount(user!.id, identity!, stored);
    expect(view).toMatchObject({ username, subscriptionType: 'Premium', textLimit: 25_000 });
    expect((await accountRow(view.id)).subscriptionCheckedAt).toBeInstanceOf(Date);

    // A profile without the field (X did not say) leaves what Herald knows alone.
    const silent = { ...identity!, subscriptionType: undefined };
    expect(await connectAccount(user!.id, silent, stored)).toMatchObject({ subscriptionType: 'Premium', textLimit: 25_000 });
  });

  it('connect: the account connected on X with PremiumPlus is stored as such, and GET /api/v1/accounts says so', async () => {
    const { user } = await connectSandboxUser(sandbox);
    const { url, cookie } = startConnect(user.id);
    const username = `plus${Date.now().toString(36).slice(-6)}`;
    const connected = await finishConnect(user.id, await approve(url, username, 'PremiumPlus'), cookie);
    expect(connected).toMatchObject({ username, subscriptionType: 'PremiumPlus', textLimit: 25_000 });

    const { GET } = await import('@/app/api/v1/accounts/route');
    session.userId = user.id;
    const res = await GET(new Request('http://localhost:3000/api/v1/accounts'), { params: Promise.resolve({}) });
    const body = (await res.json()) as { accounts: { username: string; subscriptionType: string; textLimit: number }[] };
    expect(body.accounts.map((a) => [a.subscriptionType, a.textLimit])).toEqual([
      ['None', 280],
      ['PremiumPlus', 25_000],
    ]);
  });

  it('the daily refresh reads every account not asked for a day; a failure waits for the next day', async () => {
    const gains = await connectSandboxUser(sandbox);
    const loses = await connectSandboxUser(sandbox, undefined, { subscriptionType: 'Premium' });
    const fresh = await connectSandboxUser(sandbox);
    const broken = await connectSandboxUser(sandbox);
    const mine = [gains, loses, fresh, broken].map((c) => c.account.id);
    expect((await accountRow(loses.account.id)).subscriptionType).toBe('Premium');
    // Accounts of other test files are not this test's business: asked just now, as far as the refresh knows.
    await db().update(xAccounts).set({ subscriptionCheckedAt: new Date() }).where(not(inArray(xAccounts.id, mine)));
    const dayAndMore = new Date(Date.now() - 25 * 3600_000);
    await db().update(xAccounts).set({ subscriptionCheckedAt: dayAndMore }).where(inArray(xAccounts.id, [gains.account.id, loses.account.id, broken.account.id]));

    await subscribe(gains.account.username, 'Premium');
    await subscribe(loses.account.username, 'None');
    await subscribe(fresh.account.username, 'PremiumPlus');
    await subscribe(broken.account.username, 'Premium');
    await control(sandbox, 'POST', '/tokens/revoke', { username: broken.account.username });

    expect(await refreshSubscriptions()).toEqual({ checked: 3, changed: 2, failed: 1 });
    expect((await accountRow(gains.account.id)).subscriptionType).toBe('Premium');
    expect((await accountRow(loses.account.id)).subscriptionType).toBe('None');
    // Asked at connect, less than a day ago: not asked again.
    expect((await accountRow(fresh.account.id)).subscriptionType).toBe('None');
    const failed = await accountRow(broken.account.id);
    expect(failed.subscriptionType).toBe('None');
    expect(failed.subscriptionCheckedAt!.getTime()).toBeGreaterThan(dayAndMore.getTime());

    // Nothing is due any more: the failed one too waits a day.
    expect(await refreshSubscriptions()).toEqual({ checked: 0, changed: 0, failed: 0 });
  });
});

describe('the text limit of each account', () => {
  it('a Premium account posts a 2,000-character thread through the API, and it is published on X', async () => {
    const premium = await connectSandboxUser(sandbox, undefined, { subscriptionType: 'Premium' });
    const res = await postThroughApi(premium, [long('first'), long('second')]);
    expect(res.status).toBe(201);
    const post = res.body.post!;
    expect((await publishPost(post.id, post.revision)).outcome).toBe('published');
    const tweets = await sandboxTweets(sandbox, premium.account.username);
    expect(tweets.map((t) => t.text.length)).toEqual([2_000, 2_000]);
    expect(tweets[1]!.reply_to).toBe(tweets[0]!.id);
  });

  it('an account without Premium gets 400 naming the part and saying why, at create and at edit', async () => {
    const plain = await connectSandboxUser(sandbox);
    const res = await postThroughApi(plain, ['short and fine', long('too long')]);
    expect(res.status).toBe(400);
    expect(res.body.fields).toEqual({
      'parts.1.text': [
        `Post text is 2,000 characters: @${plain.account.username} does not have X Premium, so X allows 280. ` +
          `Longer posts need X Premium (if @${plain.account.username} has just subscribed, sign in with it again so Herald sees it).`,
      ],
    });
    expect(await sandboxTweets(sandbox, plain.account.username)).toEqual([]);

    const draft = await createPost(plain.user.id, createPostInput.parse({ accountId: plain.account.id, parts: [{ text: 'a draft' }] }));
    const edit = await refusal(updatePost(plain.user.id, draft.id, updatePostInput.parse({ parts: [{ text: long('edited') }] })));
    expect(edit.status).toBe(400);
    expect(Object.keys(edit.fields ?? {})).toEqual(['parts.0.text']);
    expect((await getPost(plain.user.id, draft.id)).parts.map((p) => p.text)).toEqual(['a draft']);
  });

  it('a long post whose account lost Premium after it was saved fails before anything reaches X, saying why', async () => {
    const lapsing = await connectSandboxUser(sandbox, undefined, { subscriptionType: 'Premium' });
    const res = await postThroughApi(lapsing, ['a short opener', long('lapsed', 1_204)]);
    expect(res.status).toBe(201);
    const post = res.body.post!;
    await subscribe(lapsing.account.username, 'None');
    const before = await lastSeq();

    const result = await publishPost(post.id, post.revision);
    const reason =
      `@${lapsing.account.username} no longer has X Premium: part 2 of this thread is 1,204 characters, over the 280 X allows ` +
      'without Premium. Shorten it or renew Premium, then retry.';
    expect(result).toEqual({ outcome: 'failed', reason, errorClass: 'invalid_post' });
    const saved = await getPost(lapsing.user.id, post.id);
    expect(saved).toMatchObject({ status: 'failed', error: reason });
    expect(await createsSince(before)).toBe(0);
    expect(await sandboxTweets(sandbox, lapsing.account.username)).toEqual([]);
    // Nothing was sent, so no part carries a sent marker for a retry to look up.
    const parts = await db().select({ sentAt: postParts.sentAt }).from(postParts).where(and(eq(postParts.postId, post.id)));
    expect(parts.every((p) => p.sentAt === null)).toBe(true);
    // What X said at publish time is what Herald knows now.
    expect((await accountRow(lapsing.account.id)).subscriptionType).toBe('None');
  });

  it('a short post never asks X about the subscription', async () => {
    const someone = await connectSandboxUser(sandbox);
    const post = await createPost(someone.user.id, createPostInput.parse({ accountId: someone.account.id, parts: [{ text: 'short' }], publishNow: true }));
    const before = await lastSeq();
    expect((await publishPost(post.id, post.revision)).outcome).toBe('published');
    expect(await control<unknown[]>(sandbox, 'GET', `/requests?path=/2/users/me&since=${before}`)).toEqual([]);
  });
});
