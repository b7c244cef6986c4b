import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from './server';
import { ManualClock } from './clock';
import { ALICE, BOB, api, signIn, startSandboxForTest } from './test-support';

let sb: Sandbox;
// Tokens expire and windows reset by this clock, which the tests move instead of waiting.
const clock = new ManualClock();
let alice: string;
let bob: string;

type SandboxTweet = { id: string; text: string; created_at: number };
type Recorded = {
  seq: number;
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
  userId: string | null;
  status: number | null;
  dropped: boolean;
  fault: number | null;
  time: number;
};

async function post(path: string, body: unknown, method = 'POST'): Promise<Response> {
  return fetch(`${sb.url}/__sandbox${path}`, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

async function tweets(): Promise<SandboxTweet[]> {
  return (await (await fetch(`${sb.url}/__sandbox/tweets`)).json()) as SandboxTweet[];
}

beforeAll(async () => {
  sb = await startSandboxForTest({ allowTokenMinting: true, clock });
});
afterAll(() => sb.close());
beforeEach(async () => {
  await post('/reset', {});
  alice = (await signIn(sb.url, 'alice')).access_token;
  bob = (await signIn(sb.url, 'bob')).access_token;
});

describe('faults', () => {
  it('503 once, then the same request succeeds; the failed one had no effect', async () => {
    const added = await post('/faults', [{ path: '/2/tweets', method: 'POST', status: 503, times: 1 }]);
    expect(added.status).toBe(201);
    const first = await api(sb.url, alice, 'POST', '/2/tweets', { text: 'retry me' });
    expect(first.status).toBe(503);
    expect(first.body).toEqual({ title: 'Service Unavailable', type: 'about:blank', status: 503, detail: 'Service Unavailable' });
    expect(await tweets()).toHaveLength(0);
    const second = await api(sb.url, alice, 'POST', '/2/tweets', { text: 'retry me' });
    expect(second.status).toBe(201);
    expect((await tweets()).map((t) => t.text)).toEqual(['retry me']);
    expect(await (await fetch(`${sb.url}/__sandbox/faults`)).json()).toEqual([]);
  });

  it('dropAfterCreate: the client sees a socket error but the post exists', async () => {
    await post('/faults', { path: '/2/tweets', method: 'POST', dropAfterCreate: true, times: 1 });
    let error: unknown;
    try {
      await api(sb.url, alice, 'POST', '/2/tweets', { text: 'did it post?' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(TypeError);
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    expect(cause?.code ?? cause?.message).toMatch(/ECONNRESET|UND_ERR_SOCKET|other side closed/i);
    const all = await tweets();
    expect(all.map((t) => t.text)).toEqual(['did it post?']);
    // Retrying the same text now meets X's duplicate check.
    expect((await api(sb.url, alice, 'POST', '/2/tweets', { text: 'did it post?' })).status).toBe(403);
    const reqs = (await (await fetch(`${sb.url}/__sandbox/requests?path=/2/tweets`)).json()) as Recorded[];
    expect(reqs.map((r) => [r.status, r.dropped])).toEqual([
      [null, true],
      [403, false],
    ]);
  });

  it('a 429 fault carries plausible rate-limit headers and X’s body', async () => {
    await post('/faults', { path: '/2/tweets', status: 429, resetInSeconds: 30, times: 1 });
    const r = await api(sb.url, alice, 'POST', '/2/tweets', { text: 'limited' });
    expect(r.status).toBe(429);
    expect(r.body).toEqual({ title: 'Too Many Requests', type: 'about:blank', status: 429, detail: 'Too Many Requests' });
    expect(r.headers.get('x-rate-limit-limit')).toBe('100');
    expect(r.headers.get('x-rate-limit-remaining')).toBe('0');
    const reset = Number(r.headers.get('x-rate-limit-reset'));
    expect(reset - clock.now() / 1000).toBeGreaterThan(28);
    expect(reset - clock.now() / 1000).toBeLessThan(32);
    expect(r.headers.get('x-user-limit-24hour-limit')).toBe('2400');
  });

  it('can target one user, skip requests, return a custom body and headers', async () => {
    await post('/faults', { path: '/2/tweets', userId: BOB, status: 500, body: { oops: true }, headers: { 'x-custom': 'yes' }, skip: 1, times: 1 });
    expect((await api(sb.url, alice, 'POST', '/2/tweets', { text: 'alice unaffected' })).status).toBe(201);
    expect((await api(sb.url, bob, 'POST', '/2/tweets', { text: 'bob first passes' })).status).toBe(201);
    const hit = await api(sb.url, bob, 'POST', '/2/tweets', { text: 'bob second fails' });
    expect(hit.status).toBe(500);
    expect(hit.body).toEqual({ oops: true });
    expect(hit.headers.get('x-custom')).toBe('yes');
    expect((await api(sb.url, bob, 'POST', '/2/tweets', { text: 'bob third passes' })).status).toBe(201);
  });

  it('matches paths with * segments and drop without handling', async () => {
    await post('/faults', { path: '/2/users/*/tweets', drop: true, times: 1 });
    await expect(api(sb.url, alice, 'GET', `/2/users/${ALICE}/tweets`)).rejects.toThrow();
    expect((await api(sb.url, alice, 'GET', `/2/users/${ALICE}/tweets`)).status).toBe(200);
  });

  it('fault latency delays the answer', async () => {
    await post('/faults', { path: '/2/users/me', latencyMs: 150, times: 1 });
    const t0 = performance.now();
    expect((await api(sb.url, alice, 'GET', '/2/users/me')).status).toBe(200);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(140);
  });

  it('rejects malformed fault rules', async () => {
    expect((await post('/faults', { path: 'no-slash' })).status).toBe(400);
    expect((await post('/faults', { path: '/2/tweets', bogus: 1 })).status).toBe(400);
  });

  it('DELETE /__sandbox/faults clears them; reset clears them too', async () => {
    await post('/faults', { path: '/2/tweets', status: 500 });
    await fetch(`${sb.url}/__sandbox/faults`, { method: 'DELETE' });
    expect((await api(sb.url, alice, 'POST', '/2/tweets', { text: 'after clear' })).status).toBe(201);
  });
});

describe('latency', () => {
  it('adds a global latency to X’s paths only', async () => {
    await post('/latency', { ms: 120 });
    const t0 = performance.now();
    await api(sb.url, alice, 'GET', '/2/users/me');
    expect(performance.now() - t0).toBeGreaterThanOrEqual(110);
    const t1 = performance.now();
    await fetch(`${sb.url}/__sandbox/tweets`);
    expect(performance.now() - t1).toBeLessThan(100);
    expect(await (await fetch(`${sb.url}/__sandbox/latency`)).json()).toEqual({ ms: 120 });
    await post('/latency', { ms: 0 });
  });
});

describe('recording and control', () => {
  it('records requests with a redacted header summary, parsed body, status and time', async () => {
    const before = Date.now();
    await api(sb.url, alice, 'POST', '/2/tweets', { text: 'recorded' });
    const reqs = (await (await fetch(`${sb.url}/__sandbox/requests?method=POST&path=/2/tweets`)).json()) as Recorded[];
    expect(reqs).toHaveLength(1);
    const r = reqs[0] as Recorded;
    expect(r.body).toEqual({ text: 'recorded' });
    expect(r.status).toBe(201);
    expect(r.userId).toBe(ALICE);
    expect(r.headers.authorization).toMatch(/^Bearer ….{4}$/);
    expect(r.headers.authorization).not.toContain(alice);
    expect(r.time).toBeGreaterThanOrEqual(before - 5);
    const tokenReqs = (await (await fetch(`${sb.url}/__sandbox/requests?path=/2/oauth2/token`)).json()) as Recorded[];
    expect(JSON.stringify(tokenReqs)).not.toContain('herald-sandbox-secret');
    expect(tokenReqs[0]?.headers.authorization).toBe('Basic herald-sandbox:…');
  });

  it('reset clears posts, requests and tokens but keeps users', async () => {
    await api(sb.url, alice, 'POST', '/2/tweets', { text: 'gone after reset' });
    await post('/reset', {});
    expect(await tweets()).toEqual([]);
    expect(await (await fetch(`${sb.url}/__sandbox/requests`)).json()).toEqual([]);
    expect((await api(sb.url, alice, 'GET', '/2/users/me')).status).toBe(401);
    const users = (await (await fetch(`${sb.url}/__sandbox/users`)).json()) as { username: string }[];
    expect(users.map((u) => u.username)).toEqual(expect.arrayContaining(['alice', 'bob', 'carol', 'herald_admin']));
  });

  it('reset also returns the configuration to the one the sandbox started with', async () => {
    await post('/config', { mediaProcessingMs: 5, accessTokenTtlSeconds: 60 });
    await post('/rate-limits', { windows: { 'POST /2/tweets': { limit: 1, windowSeconds: 60 } } });
    await post('/latency', { ms: 5 });
    await post('/reset', {});
    const config = (await (await fetch(`${sb.url}/__sandbox/config`)).json()) as { mediaProcessingMs: number; accessTokenTtlSeconds: number; rateLimits: { windows: Record<string, { limit: number }> } };
    expect(config.mediaProcessingMs).toBe(1000);
    expect(config.accessTokenTtlSeconds).toBe(7200);
    expect(config.rateLimits.windows['POST /2/tweets']?.limit).toBe(100);
    expect(await (await fetch(`${sb.url}/__sandbox/latency`)).json()).toEqual({ ms: 0 });
  });

  it('tokens/expire can also make tokens expire soon instead of now', async () => {
    const r = await post('/tokens/expire', { username: 'alice', inSeconds: 2 });
    expect(await r.json()).toEqual({ expired: 1 });
    expect((await api(sb.url, alice, 'GET', '/2/users/me')).status).toBe(200);
    const list = (await (await fetch(`${sb.url}/__sandbox/tokens`)).json()) as { access: { userId: string; expiresAt: number }[] };
    const mine = list.access.find((t) => t.userId === ALICE);
    expect((mine?.expiresAt ?? 0) - clock.now()).toBeLessThanOrEqual(2000);
    clock.advance(1_999);
    expect((await api(sb.url, alice, 'GET', '/2/users/me')).status).toBe(200);
    clock.advance(1);
    expect((await api(sb.url, alice, 'GET', '/2/users/me')).status).toBe(401);
  });

  it('answers X’s paths with an api-version header, and unknown paths with 404', async () => {
    const me = await api(sb.url, alice, 'GET', '/2/users/me');
    expect(me.headers.get('api-version')).toMatch(/^2\.\d+$/);
    const nothing = await api(sb.url, alice, 'GET', '/2/nothing/here');
    expect(nothing.status).toBe(404);
    expect(nothing.body).toEqual({ title: 'Not Found', type: 'about:blank', status: 404, detail: 'Not Found' });
  });

  it('creates users and mints tokens for them directly', async () => {
    const u = await post('/users', { username: 'erin', name: 'Erin E' });
    expect(u.status).toBe(201);
    const user = (await u.json()) as { id: string };
    const t = await post('/tokens', { username: 'erin' });
    expect(t.status).toBe(200);
    const token = (await t.json()) as { access_token: string; refresh_token: string; scope: string };
    expect(token.scope).toContain('tweet.write');
    const me = await api<{ data: { id: string; name: string } }>(sb.url, token.access_token, 'GET', '/2/users/me');
    expect(me.body.data).toEqual({ id: user.id, name: 'Erin E', username: 'erin' });
  });

  it('keeps sub-millisecond creation times, usable to measure lateness', async () => {
    for (let i = 0; i < 5; i++) await api(sb.url, alice, 'POST', '/2/tweets', { text: `t${i}` });
    const all = await tweets();
    const times = all.map((t) => t.created_at);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(times.some((t) => !Number.isInteger(t))).toBe(true);
  });

  it('handles many posts quickly (Map-based storage)', async () => {
    await post('/rate-limits', { windows: { 'POST /2/tweets': { limit: 100000, windowSeconds: 900 } }, tweetsPer24h: null });
    const t0 = performance.now();
    const N = 1000;
    const batch = 50;
    for (let i = 0; i < N; i += batch) {
      const rs = await Promise.all(
        Array.from({ length: batch }, (_, j) => api(sb.url, j % 2 ? alice : bob, 'POST', '/2/tweets', { text: `bulk ${i + j}` })),
      );
      expect(rs.every((r) => r.status === 201)).toBe(true);
    }
    const ms = performance.now() - t0;
    expect((await tweets()).length).toBe(N);
    expect(ms).toBeLessThan(15_000);
    await post('/rate-limits', { windows: { 'POST /2/tweets': { limit: 100, windowSeconds: 900 } }, tweetsPer24h: 2400 });
  });
});
