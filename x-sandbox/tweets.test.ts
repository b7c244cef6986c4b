import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from './server';
import { ALICE, api, signIn, startSandboxForTest } from './test-support';

let sb: Sandbox;
let alice: string;
let bob: string;

type Created = { data: { id: string; text: string; edit_history_tweet_ids: string[] } };
type SandboxTweet = { id: string; author_id: string; username: string; text: string; reply_to: string | null; conversation_id: string; media_ids: string[]; created_at: number; deleted: boolean };

const DUPLICATE = { title: 'Forbidden', type: 'about:blank', status: 403, detail: 'You are not allowed to create a Tweet with duplicate content.' };
const UNAUTHORIZED = { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' };
const TOO_MANY = { title: 'Too Many Requests', type: 'about:blank', status: 429, detail: 'Too Many Requests' };

async function control(path: string, body?: unknown): Promise<Response> {
  return fetch(`${sb.url}/__sandbox${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body ?? {}),
  });
}

beforeAll(async () => {
  sb = await startSandboxForTest();
});
afterAll(() => sb.close());
beforeEach(async () => {
  await control('/reset');
  await control('/rate-limits', { windows: { 'POST /2/tweets': { limit: 100, windowSeconds: 900 } }, tweetsPer24h: 2400 });
  alice = (await signIn(sb.url, 'alice')).access_token;
  bob = (await signIn(sb.url, 'bob')).access_token;
});

describe('GET /2/users/me', () => {
  it('answers the user with default fields, and user.fields on request', async () => {
    const me = await api<{ data: Record<string, unknown> }>(sb.url, alice, 'GET', '/2/users/me');
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ data: { id: ALICE, name: 'Alice Example', username: 'alice' } });
    const more = await api<{ data: Record<string, unknown> }>(sb.url, alice, 'GET', '/2/users/me?user.fields=profile_image_url,created_at,description');
    expect(more.body.data.profile_image_url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/__sandbox\/avatars\/1000000000000000001_normal\.svg$/);
    expect(more.body.data.created_at).toBe('2020-01-01T00:00:00.000Z');
    const img = await fetch(String(more.body.data.profile_image_url));
    expect(img.status).toBe(200);
    expect(img.headers.get('content-type')).toBe('image/svg+xml');
    expect(me.headers.get('x-rate-limit-limit')).toBe('75');
  });

  it('refuses an unknown user.fields value the way X does', async () => {
    const r = await api<{ errors: { parameters: Record<string, string[]>; message: string }[]; title: string }>(sb.url, alice, 'GET', '/2/users/me?user.fields=shoe_size');
    expect(r.status).toBe(400);
    expect(r.body.title).toBe('Invalid Request');
    expect(r.body.errors[0]?.parameters).toEqual({ 'user.fields': ['shoe_size'] });
    expect(r.body.errors[0]?.message).toMatch(/^The `user.fields` query parameter value \[shoe_size\] is not one of \[/);
  });

  it('needs a bearer token', async () => {
    const r = await api(sb.url, null, 'GET', '/2/users/me');
    expect(r.status).toBe(401);
    expect(r.body).toEqual(UNAUTHORIZED);
    expect((await api(sb.url, 'made-up', 'GET', '/2/users/me')).status).toBe(401);
  });
});

describe('POST /2/tweets', () => {
  it('creates a post: 201 with id, text and edit history, and rate-limit headers', async () => {
    const r = await api<Created>(sb.url, alice, 'POST', '/2/tweets', { text: 'Hello from the sandbox' });
    expect(r.status).toBe(201);
    expect(r.body.data.text).toBe('Hello from the sandbox');
    expect(r.body.data.id).toMatch(/^\d{18,19}$/);
    expect(r.body.data.edit_history_tweet_ids).toEqual([r.body.data.id]);
    expect(r.headers.get('x-rate-limit-limit')).toBe('100');
    expect(r.headers.get('x-rate-limit-remaining')).toBe('99');
    const reset = Number(r.headers.get('x-rate-limit-reset'));
    expect(reset).toBeGreaterThan(Date.now() / 1000 + 800);
    expect(reset).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + 900);
    expect(r.headers.get('x-user-limit-24hour-limit')).toBe('2400');
    expect(r.headers.get('x-user-limit-24hour-remaining')).toBe('2399');
    expect(Number(r.headers.get('x-user-limit-24hour-reset'))).toBeGreaterThan(Date.now() / 1000 + 86_000);

    const all = (await (await fetch(`${sb.url}/__sandbox/tweets`)).json()) as SandboxTweet[];
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ id: r.body.data.id, author_id: ALICE, username: 'alice', text: 'Hello from the sandbox', reply_to: null, media_ids: [] });
    expect(Math.abs((all[0]?.created_at ?? 0) - Date.now())).toBeLessThan(5000);
  });

  it('ids increase with time', async () => {
    const a = await api<Created>(sb.url, alice, 'POST', '/2/tweets', { text: 'one' });
    const b = await api<Created>(sb.url, alice, 'POST', '/2/tweets', { text: 'two' });
    expect(BigInt(b.body.data.id) > BigInt(a.body.data.id)).toBe(true);
  });

  it('refuses duplicate text from the same user with X’s 403, but not from another user', async () => {
    expect((await api(sb.url, alice, 'POST', '/2/tweets', { text: 'same words' })).status).toBe(201);
    const dup = await api(sb.url, alice, 'POST', '/2/tweets', { text: 'same words' });
    expect(dup.status).toBe(403);
    expect(dup.body).toEqual(DUPLICATE);
    expect(dup.headers.get('x-rate-limit-remaining')).toBe('98');
    expect((await api(sb.url, bob, 'POST', '/2/tweets', { text: 'same words' })).status).toBe(201);
  });

  it('counts length with X’s weighted rules: 280 is the limit, CJK and emoji count 2, URLs 23', async () => {
    expect((await api(sb.url, alice, 'POST', '/2/tweets', { text: 'a'.repeat(280) })).status).toBe(201);
    const long = await api<{ errors: { message: string }[]; title: string; type: string }>(sb.url, alice, 'POST', '/2/tweets', { text: 'b'.repeat(281) });
    expect(long.status).toBe(400);
    expect(long.body.title).toBe('Invalid Request');
    expect(long.body.type).toBe('https://api.x.com/2/problems/invalid-request');
    expect(long.body.errors[0]?.message).toBe(
      'Your Tweet text is too long. For more information on how Twitter determines text length see https://github.com/twitter/twitter-text.',
    );
    expect((await api(sb.url, alice, 'POST', '/2/tweets', { text: '日'.repeat(140) })).status).toBe(201);
    expect((await api(sb.url, alice, 'POST', '/2/tweets', { text: '本'.repeat(141) })).status).toBe(400);
    expect((await api(sb.url, alice, 'POST', '/2/tweets', { text: '😀'.repeat(141) })).status).toBe(400);
    // A long URL counts 23: 250 + 1 + 23 = 274 fits although the string is much longer.
    const withUrl = 'c'.repeat(250) + ' https://example.com/' + 'x'.repeat(200);
    expect((await api(sb.url, alice, 'POST', '/2/tweets', { text: withUrl })).status).toBe(201);
  });

  it('answers an expired or revoked token with X’s 401 and no side effect', async () => {
    const r = await control('/tokens/expire', { userId: ALICE });
    expect(((await r.json()) as { expired: number }).expired).toBeGreaterThan(0);
    const res = await api(sb.url, alice, 'POST', '/2/tweets', { text: 'too late' });
    expect(res.status).toBe(401);
    expect(res.body).toEqual(UNAUTHORIZED);
    expect((await api(sb.url, bob, 'POST', '/2/tweets', { text: 'bob is fine' })).status).toBe(201);
    const all = (await (await fetch(`${sb.url}/__sandbox/tweets`)).json()) as SandboxTweet[];
    expect(all.map((t) => t.text)).toEqual(['bob is fine']);
  });

  it('needs the tweet.write scope (403 otherwise)', async () => {
    const readOnly = (await signIn(sb.url, 'carol', ['tweet.read', 'users.read'])).access_token;
    const r = await api(sb.url, readOnly, 'POST', '/2/tweets', { text: 'no scope' });
    expect(r.status).toBe(403);
    expect(r.body).toEqual({ title: 'Forbidden', type: 'about:blank', status: 403, detail: 'Forbidden' });
  });

  it('rate limits per user: 429 with X’s body and headers, other users unaffected', async () => {
    await control('/rate-limits', { windows: { 'POST /2/tweets': { limit: 3, windowSeconds: 60 } } });
    for (let i = 0; i < 3; i++) expect((await api(sb.url, alice, 'POST', '/2/tweets', { text: `n${i}` })).status).toBe(201);
    const limited = await api(sb.url, alice, 'POST', '/2/tweets', { text: 'n3' });
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual(TOO_MANY);
    expect(limited.headers.get('x-rate-limit-limit')).toBe('3');
    expect(limited.headers.get('x-rate-limit-remaining')).toBe('0');
    const reset = Number(limited.headers.get('x-rate-limit-reset'));
    expect(reset).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000) + 58);
    expect(reset).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + 60);
    expect((await api(sb.url, bob, 'POST', '/2/tweets', { text: 'bob n0' })).status).toBe(201);
    const all = (await (await fetch(`${sb.url}/__sandbox/tweets`)).json()) as SandboxTweet[];
    expect(all).toHaveLength(4);
  });

  it('enforces the 24-hour user limit with x-user-limit-24hour-* headers', async () => {
    await control('/rate-limits', { tweetsPer24h: 2 });
    expect((await api(sb.url, alice, 'POST', '/2/tweets', { text: 'd1' })).status).toBe(201);
    const second = await api(sb.url, alice, 'POST', '/2/tweets', { text: 'd2' });
    expect(second.headers.get('x-user-limit-24hour-remaining')).toBe('0');
    const third = await api(sb.url, alice, 'POST', '/2/tweets', { text: 'd3' });
    expect(third.status).toBe(429);
    expect(third.headers.get('x-user-limit-24hour-limit')).toBe('2');
    expect(third.headers.get('x-user-limit-24hour-remaining')).toBe('0');
    expect(Number(third.headers.get('x-rate-limit-remaining'))).toBeGreaterThan(0);
  });

  it('builds reply chains: each part replies to the previous one, in one conversation', async () => {
    const first = await api<Created>(sb.url, alice, 'POST', '/2/tweets', { text: 'Thread 1/3' });
    const second = await api<Created>(sb.url, alice, 'POST', '/2/tweets', { text: 'Thread 2/3', reply: { in_reply_to_tweet_id: first.body.data.id } });
    const third = await api<Created>(sb.url, alice, 'POST', '/2/tweets', { text: 'Thread 3/3', reply: { in_reply_to_tweet_id: second.body.data.id } });
    expect(third.status).toBe(201);
    const all = (await (await fetch(`${sb.url}/__sandbox/tweets`)).json()) as SandboxTweet[];
    expect(all.map((t) => [t.text, t.reply_to])).toEqual([
      ['Thread 1/3', null],
      ['Thread 2/3', first.body.data.id],
      ['Thread 3/3', second.body.data.id],
    ]);
    expect(new Set(all.map((t) => t.conversation_id))).toEqual(new Set([first.body.data.id]));
  });

  it('refuses a reply to a missing post, and (X’s self-serve rule) to another user who did not mention you', async () => {
    const gone = await api(sb.url, alice, 'POST', '/2/tweets', { text: 'to nowhere', reply: { in_reply_to_tweet_id: '123456789' } });
    expect(gone.status).toBe(403);
    expect(gone.body).toEqual({ title: 'Forbidden', type: 'about:blank', status: 403, detail: 'You attempted to reply to a Tweet that is deleted or not visible to you.' });
    const bobs = await api<Created>(sb.url, bob, 'POST', '/2/tweets', { text: 'Bob says hi' });
    const notAllowed = await api<{ detail: string }>(sb.url, alice, 'POST', '/2/tweets', { text: 'hi bob', reply: { in_reply_to_tweet_id: bobs.body.data.id } });
    expect(notAllowed.status).toBe(403);
    expect(notAllowed.body.detail).toMatch(/^Reply to this conversation is not allowed/);
    const mention = await api<Created>(sb.url, bob, 'POST', '/2/tweets', { text: 'What do you think, @alice?' });
    expect((await api(sb.url, alice, 'POST', '/2/tweets', { text: 'I agree', reply: { in_reply_to_tweet_id: mention.body.data.id } })).status).toBe(201);
  });

  it('validates the body against X’s CreatePostsRequest schema, answering X-style errors', async () => {
    const r = await api<{ errors: { parameters: Record<string, string[]>; message: string }[]; title: string; detail: string; type: string }>(
      sb.url, alice, 'POST', '/2/tweets', { text: 'ok', media: { media_ids: '1666121026172858379' }, colour: 'blue' },
    );
    expect(r.status).toBe(400);
    expect(r.body.title).toBe('Invalid Request');
    expect(r.body.detail).toBe('One or more parameters to your request was invalid.');
    expect(r.body.errors).toContainEqual({ parameters: { '$.media.media_ids': ['"1666121026172858379"'] }, message: '$.media.media_ids: string found, array expected' });
    expect(r.body.errors).toContainEqual({ parameters: { '$.colour': ['"blue"'] }, message: '$.colour: is not defined in the schema and the schema does not allow additional properties' });
    const badReply = await api<{ errors: { message: string }[] }>(sb.url, alice, 'POST', '/2/tweets', { text: 'x', reply: { in_reply_to_tweet_id: 'abc' } });
    expect(badReply.status).toBe(400);
    expect(badReply.body.errors[0]?.message).toBe('$.reply.in_reply_to_tweet_id: does not match the regex pattern ^[0-9]{1,19}$');
    const poll = await api(sb.url, alice, 'POST', '/2/tweets', { text: 'poll', poll: { options: ['yes'], duration_minutes: 2 } });
    expect(poll.status).toBe(400);
    const empty = await api(sb.url, alice, 'POST', '/2/tweets', {});
    expect(empty.status).toBe(400);
    expect((await (await fetch(`${sb.url}/__sandbox/tweets`)).json()) as unknown[]).toHaveLength(0);
  });

  it('wants a JSON body', async () => {
    const res = await fetch(`${sb.url}/2/tweets`, {
      method: 'POST',
      headers: { authorization: `Bearer ${alice}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'text=hello',
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: { message: string }[] };
    expect(body.errors[0]?.message).toBe('Requests with bodies must have content-type of application/json.');
  });
});

describe('DELETE /2/tweets/{id}', () => {
  it('deletes own posts only, and frees the text for reuse', async () => {
    const t = await api<Created>(sb.url, alice, 'POST', '/2/tweets', { text: 'delete me' });
    expect((await api(sb.url, bob, 'DELETE', `/2/tweets/${t.body.data.id}`)).status).toBe(403);
    const del = await api(sb.url, alice, 'DELETE', `/2/tweets/${t.body.data.id}`);
    expect(del.status).toBe(200);
    expect(del.body).toEqual({ data: { deleted: true } });
    expect((await api(sb.url, alice, 'POST', '/2/tweets', { text: 'delete me' })).status).toBe(201);
    const all = (await (await fetch(`${sb.url}/__sandbox/tweets`)).json()) as SandboxTweet[];
    expect(all.map((x) => x.deleted)).toEqual([true, false]);
  });
});

describe('GET /2/users/{id}/tweets', () => {
  it('lists newest first with meta, pagination, since_id and tweet.fields', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push((await api<Created>(sb.url, alice, 'POST', '/2/tweets', { text: `post ${i}` })).body.data.id);
    await api(sb.url, bob, 'POST', '/2/tweets', { text: 'bob post' });
    type Page = { data: { id: string; text: string; created_at?: string; author_id?: string }[]; meta: { result_count: number; newest_id: string; oldest_id: string; next_token?: string } };
    const p1 = await api<Page>(sb.url, bob, 'GET', `/2/users/${ALICE}/tweets?max_results=5&tweet.fields=created_at,author_id`);
    expect(p1.status).toBe(200);
    expect(p1.body.data.map((t) => t.text)).toEqual(['post 11', 'post 10', 'post 9', 'post 8', 'post 7']);
    expect(p1.body.data[0]?.author_id).toBe(ALICE);
    expect(p1.body.data[0]?.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(p1.body.meta).toMatchObject({ result_count: 5, newest_id: ids[11], oldest_id: ids[7] });
    expect(p1.body.meta.next_token).toBeTruthy();
    const p2 = await api<Page>(sb.url, bob, 'GET', `/2/users/${ALICE}/tweets?max_results=5&pagination_token=${p1.body.meta.next_token}`);
    expect(p2.body.data.map((t) => t.text)).toEqual(['post 6', 'post 5', 'post 4', 'post 3', 'post 2']);
    const p3 = await api<Page>(sb.url, bob, 'GET', `/2/users/${ALICE}/tweets?max_results=5&pagination_token=${p2.body.meta.next_token}`);
    expect(p3.body.data.map((t) => t.text)).toEqual(['post 1', 'post 0']);
    expect(p3.body.meta.next_token).toBeUndefined();
    const since = await api<Page>(sb.url, bob, 'GET', `/2/users/${ALICE}/tweets?since_id=${ids[9]}`);
    expect(since.body.data.map((t) => t.text)).toEqual(['post 11', 'post 10']);
    const none = await api(sb.url, alice, 'GET', `/2/users/${ALICE}/tweets?since_id=${ids[11]}`);
    expect(none.body).toEqual({ meta: { result_count: 0 } });
  });

  it('shows replies with referenced_tweets and refuses bad parameters', async () => {
    const a = await api<Created>(sb.url, alice, 'POST', '/2/tweets', { text: 'root' });
    await api(sb.url, alice, 'POST', '/2/tweets', { text: 'child', reply: { in_reply_to_tweet_id: a.body.data.id } });
    const r = await api<{ data: { text: string; referenced_tweets?: { type: string; id: string }[] }[] }>(sb.url, alice, 'GET', `/2/users/${ALICE}/tweets?tweet.fields=referenced_tweets`);
    expect(r.body.data[0]).toEqual({ id: expect.any(String), text: 'child', edit_history_tweet_ids: [expect.any(String)], referenced_tweets: [{ type: 'replied_to', id: a.body.data.id }] });
    expect(r.body.data[1]?.referenced_tweets).toBeUndefined();
    const bad = await api<{ errors: { message: string }[] }>(sb.url, alice, 'GET', `/2/users/${ALICE}/tweets?max_results=3`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]?.message).toBe('The `max_results` query parameter value [3] is not between 5 and 100');
    const unknown = await api<{ errors: { title: string }[] }>(sb.url, alice, 'GET', '/2/users/42/tweets');
    expect(unknown.status).toBe(200);
    expect(unknown.body.errors[0]?.title).toBe('Not Found Error');
  });
});

describe('X Premium: subscription_type and long posts', () => {
  type Me = { data: Record<string, unknown> };
  const TOO_LONG = 'Your Tweet text is too long. For more information on how Twitter determines text length see https://github.com/twitter/twitter-text.';
  const subscribe = (subscriptionType: string) => control('/users/subscription', { username: 'alice', subscriptionType });

  it('answers subscription_type only when asked for it, and as the control API set it', async () => {
    expect((await api<Me>(sb.url, alice, 'GET', '/2/users/me')).body.data).not.toHaveProperty('subscription_type');
    expect((await api<Me>(sb.url, alice, 'GET', '/2/users/me?user.fields=subscription_type')).body.data.subscription_type).toBe('None');
    const set = await subscribe('PremiumPlus');
    expect(set.status).toBe(200);
    expect(await set.json()).toMatchObject({ username: 'alice', subscription_type: 'PremiumPlus' });
    expect((await api<Me>(sb.url, alice, 'GET', '/2/users/me?user.fields=subscription_type')).body.data.subscription_type).toBe('PremiumPlus');
    // Bob is untouched; a reset takes Premium away again.
    expect((await api<Me>(sb.url, bob, 'GET', '/2/users/me?user.fields=subscription_type')).body.data.subscription_type).toBe('None');
    await control('/reset');
    const again = (await signIn(sb.url, 'alice')).access_token;
    expect((await api<Me>(sb.url, again, 'GET', '/2/users/me?user.fields=subscription_type')).body.data.subscription_type).toBe('None');
  });

  it('refuses an unknown subscription or user in the control API', async () => {
    expect((await subscribe('Gold')).status).toBe(400);
    expect((await control('/users/subscription', { username: 'nobody', subscriptionType: 'Premium' })).status).toBe(400);
    expect((await control('/users', { username: 'dana', subscriptionType: 'Premium' })).status).toBe(201);
    const users = (await (await fetch(`${sb.url}/__sandbox/users`)).json()) as { username: string; subscription_type: string }[];
    expect(users.find((u) => u.username === 'dana')?.subscription_type).toBe('Premium');
  });

  it('takes up to 25,000 weighted characters from Premium and PremiumPlus authors, 280 from others, as X does', async () => {
    const long = 'p'.repeat(2_000);
    const refused = await api<{ errors: { message: string }[]; title: string }>(sb.url, alice, 'POST', '/2/tweets', { text: long });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0]?.message).toBe(TOO_LONG);
    for (const type of ['Premium', 'PremiumPlus']) {
      await subscribe(type);
      expect((await api(sb.url, alice, 'POST', '/2/tweets', { text: `${type} ${long}` })).status).toBe(201);
    }
    await subscribe('Premium');
    expect((await api(sb.url, alice, 'POST', '/2/tweets', { text: 'q'.repeat(25_000) })).status).toBe(201);
    const over = await api<{ errors: { message: string }[] }>(sb.url, alice, 'POST', '/2/tweets', { text: 'r'.repeat(25_001) });
    expect(over.status).toBe(400);
    expect(over.body.errors[0]?.message).toBe(TOO_LONG);
    // Basic is not Premium; and a lapsed subscription is held to 280 again.
    for (const type of ['Basic', 'None']) {
      await subscribe(type);
      expect((await api(sb.url, alice, 'POST', '/2/tweets', { text: `${type} ${long}` })).status).toBe(400);
    }
  });
});
