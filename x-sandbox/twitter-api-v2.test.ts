/**
 * The sandbox driven by twitter-api-v2 (the client Herald uses), re-pointed at the sandbox the way
 * STACK.md describes: a plugin rewriting params.url, and a plain http.Agent.
 */
import http from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApiRequestError, ApiResponseError, TwitterApi, type ITwitterApiClientPlugin, type TwitterApiReadWrite } from 'twitter-api-v2';
import type { Sandbox } from './server';
import { ALICE, CLIENT_ID, CLIENT_SECRET, REDIRECT_URI, consent, mp4, png, startSandboxForTest } from './test-support';

let sb: Sandbox;
const agent = new http.Agent({ keepAlive: true });

function redirectTo(base: string): ITwitterApiClientPlugin {
  const target = new URL(base);
  return {
    onBeforeRequestConfig({ params }) {
      const url = new URL(params.url);
      url.protocol = target.protocol;
      url.host = target.host;
      params.url = url.toString();
    },
  };
}

function appClient(): TwitterApi {
  return new TwitterApi({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET }, { plugins: [redirectTo(sb.url)], httpAgent: agent });
}

async function control(path: string, body: unknown): Promise<void> {
  const res = await fetch(`${sb.url}/__sandbox${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
}

/** The whole sign-in with twitter-api-v2: auth link → consent page → loginWithOAuth2. */
async function login(username: string): Promise<{ client: TwitterApiReadWrite; accessToken: string; refreshToken: string | undefined; scope: string[] }> {
  const app = appClient();
  const link = app.generateOAuth2AuthLink(REDIRECT_URI, { scope: ['tweet.read', 'tweet.write', 'users.read', 'media.write', 'offline.access'] });
  const authorize = new URL(link.url);
  expect(authorize.origin + authorize.pathname).toBe('https://x.com/i/oauth2/authorize');
  const local = new URL(`${sb.url}/i/oauth2/authorize${authorize.search}`);
  const page = await fetch(local);
  expect(page.status).toBe(200);
  const params = Object.fromEntries(local.searchParams);
  const back = await consent(sb.url, params, { new_username: username, action: 'authorize' });
  expect(back.searchParams.get('state')).toBe(link.state);
  const code = back.searchParams.get('code') ?? '';
  const result = await app.loginWithOAuth2({ code, codeVerifier: link.codeVerifier, redirectUri: REDIRECT_URI });
  return { client: result.client.readWrite, accessToken: result.accessToken, refreshToken: result.refreshToken, scope: result.scope };
}

async function caught(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('expected a rejection');
}

beforeAll(async () => {
  sb = await startSandboxForTest({ mediaProcessingMs: 300 });
});
afterAll(async () => {
  await sb.close();
  agent.destroy();
});
beforeEach(async () => {
  await control('/reset', {});
  await control('/rate-limits', { windows: { 'POST /2/tweets': { limit: 100, windowSeconds: 900 } }, tweetsPer24h: 2400 });
});

describe('twitter-api-v2 against the sandbox', () => {
  it('signs in (PKCE, JSON token body with Basic auth), reads me, posts, and sees duplicates refused', async () => {
    const { client, refreshToken, scope } = await login('alice');
    expect(refreshToken).toBeTruthy();
    expect(scope).toEqual(['tweet.read', 'tweet.write', 'users.read', 'media.write', 'offline.access']);
    const me = await client.v2.me({ 'user.fields': ['profile_image_url'] });
    expect(me.data).toMatchObject({ id: ALICE, username: 'alice', name: 'Alice Example' });
    expect(me.data.profile_image_url).toContain('/__sandbox/avatars/');

    const tweet = await client.v2.tweet('Hello via twitter-api-v2');
    expect(tweet.data.text).toBe('Hello via twitter-api-v2');
    const reply = await client.v2.reply('and a reply', tweet.data.id);
    expect(reply.data.id).not.toBe(tweet.data.id);

    const err = await caught(client.v2.tweet('Hello via twitter-api-v2'));
    expect(err).toBeInstanceOf(ApiResponseError);
    const e = err as ApiResponseError;
    expect(e.code).toBe(403);
    expect(e.data.detail).toMatch(/duplicate content/);
    expect(e.rateLimit?.limit).toBe(100);

    const timeline = await client.v2.userTimeline(ALICE, { max_results: 20, 'tweet.fields': ['referenced_tweets', 'created_at'] });
    expect(timeline.tweets.map((t) => t.text)).toEqual(['and a reply', 'Hello via twitter-api-v2']);
    expect(timeline.tweets[0]?.referenced_tweets).toEqual([{ type: 'replied_to', id: tweet.data.id }]);
  });

  it('refreshes with rotation; the old refresh token fails with X’s exact body', async () => {
    const { refreshToken } = await login('bob');
    const app = appClient();
    const refreshed = await app.refreshOAuth2Token(refreshToken ?? '');
    expect(refreshed.refreshToken).toBeTruthy();
    expect(refreshed.refreshToken).not.toBe(refreshToken);
    expect((await refreshed.client.v2.me()).data.username).toBe('bob');

    const err = await caught(app.refreshOAuth2Token(refreshToken ?? ''));
    expect(err).toBeInstanceOf(ApiResponseError);
    expect((err as ApiResponseError).code).toBe(400);
    // (twitter-api-v2 adds an `errors` array of its own to OAuth error bodies.)
    expect((err as ApiResponseError).data).toMatchObject({ error: 'invalid_request', error_description: 'Value passed for the token was invalid.' });

    const revoked = await app.revokeOAuth2Token(refreshed.accessToken, 'access_token');
    expect(revoked).toEqual({ revoked: true });
    const after = await caught(refreshed.client.v2.me());
    expect((after as ApiResponseError).code).toBe(401);
  });

  it('an expired access token gives 401; a refresh brings it back', async () => {
    const { client, refreshToken } = await login('carol');
    await control('/tokens/expire', { username: 'carol' });
    const err = await caught(client.v2.tweet('expired'));
    expect((err as ApiResponseError).code).toBe(401);
    expect((err as ApiResponseError).data).toEqual({ title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' });
    const refreshed = await appClient().refreshOAuth2Token(refreshToken ?? '');
    expect((await refreshed.client.v2.tweet('after refresh')).data.text).toBe('after refresh');
  });

  it('exposes 429s as rate-limit errors with reset and the 24-hour user limit', async () => {
    await control('/rate-limits', { windows: { 'POST /2/tweets': { limit: 2, windowSeconds: 120 } } });
    const { client } = await login('alice');
    await client.v2.tweet('one');
    await client.v2.tweet('two');
    const err = await caught(client.v2.tweet('three'));
    expect(err).toBeInstanceOf(ApiResponseError);
    const e = err as ApiResponseError;
    expect(e.code).toBe(429);
    expect(e.rateLimitError).toBe(true);
    expect(e.rateLimit?.remaining).toBe(0);
    expect(e.rateLimit?.reset).toBeGreaterThan(Date.now() / 1000 + 100);
    expect(e.rateLimit?.userDay).toEqual({ limit: 2400, remaining: 2398, reset: expect.any(Number) });
  });

  it('uploads an image with alt text and a video (chunked, processed) and posts them', async () => {
    const { client } = await login('alice');
    const imageId = await client.v2.uploadMedia(png(800, 600), { media_type: 'image/png' });
    await client.v2.createMediaMetadata(imageId, { alt_text: { text: 'a drawing' } });
    const withImage = await client.v2.tweet({ text: 'image post', media: { media_ids: [imageId] } });
    expect(withImage.data.id).toBeTruthy();

    const t0 = Date.now();
    const videoId = await client.v2.uploadMedia(mp4(2_200_000), { media_type: 'video/mp4', media_category: 'tweet_video' }, 1024 * 1024);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900); // waited for processing (check_after_secs: 1)
    const withVideo = await client.v2.tweet({ text: 'video post', media: { media_ids: [videoId] } });
    expect(withVideo.data.id).toBeTruthy();

    const media = (await (await fetch(`${sb.url}/__sandbox/media`)).json()) as { id: string; alt_text: string | null; chunked: boolean }[];
    expect(media.find((m) => m.id === imageId)?.alt_text).toBe('a drawing');
    const appends = (await (await fetch(`${sb.url}/__sandbox/requests?path=/2/media/upload/${videoId}/append`)).json()) as unknown[];
    expect(appends).toHaveLength(3);
  });

  it('a 503 fault is an ApiResponseError; a dropped connection is an ApiRequestError, and the post exists', async () => {
    const { client } = await login('alice');
    await control('/faults', [{ path: '/2/tweets', method: 'POST', status: 503, times: 1 }]);
    const e503 = await caught(client.v2.tweet('flaky'));
    expect((e503 as ApiResponseError).code).toBe(503);
    expect((await client.v2.tweet('flaky')).data.text).toBe('flaky');

    await control('/faults', [{ path: '/2/tweets', method: 'POST', dropAfterCreate: true, times: 1 }]);
    const dropped = await caught(client.v2.tweet('lost answer'));
    expect(dropped).toBeInstanceOf(ApiRequestError);
    const posted = (await (await fetch(`${sb.url}/__sandbox/tweets`)).json()) as { text: string }[];
    expect(posted.map((t) => t.text)).toContain('lost answer');
  });
});
