import { createServer, type Socket } from 'node:net';
import { Redis } from 'ioredis';
import { describe, expect, it, vi } from 'vitest';
import { NextRequest } from 'next/server';
import { logger } from '@/lib/log';
import { clientAddress, withSignInLimit } from '@/lib/rate-limit/signin';
import { closeRateLimit } from '@/lib/rate-limit/window';
import { createToken } from '@/lib/tokens/commands';
import { createUserWithAccount } from '../support/fixtures';
import { session } from '../support/signed-in';

// Read by lib/config on first use, which comes after these lines in this file's own process.
Object.assign(process.env, { API_RATE_LIMIT_PER_TOKEN: '3', API_RATE_LIMIT_PER_USER: '5', SIGNIN_RATE_LIMIT_PER_IP: '2', SIGNIN_RATE_LIMIT_TOTAL: '5', TRUST_PROXY: '1' });

type Handler = (request: Request, context: { params: Promise<unknown> }) => Promise<Response>;

async function get(handler: Handler, token?: string) {
  const headers = token ? { authorization: `Bearer ${token}` } : undefined;
  const response = await handler(new Request('http://localhost/api/v1/accounts', { headers }), { params: Promise.resolve({}) });
  const text = await response.text();
  const header = (name: string) => response.headers.get(name);
  return { status: response.status, body: JSON.parse(text) as { error?: string }, limit: header('ratelimit-limit'), remaining: header('ratelimit-remaining'), retryAfter: header('retry-after') };
}

/** Made straight in Postgres: the API would count the request that makes it. */
const tokenFor = async (userId: string) => (await createToken(userId, { name: 'bot', scopes: ['posts:read'] })).token;

const accounts = async () => (await import('@/app/api/v1/accounts/route')).GET;

describe('API rate limits', () => {
  it('counts each token: past its limit a 429 in the one error format, with Retry-After and RateLimit-* headers', async () => {
    const { user } = await createUserWithAccount();
    const [one, two] = [await tokenFor(user.id), await tokenFor(user.id)];
    const GET = await accounts();
    const answers = [await get(GET, one), await get(GET, one), await get(GET, one)];
    expect(answers.map((a) => [a.status, a.limit, a.remaining])).toEqual([
      [200, '3', '2'],
      [200, '3', '1'],
      [200, '3', '0'],
    ]);
    const refused = await get(GET, one);
    expect(refused).toMatchObject({ status: 429, body: { error: expect.stringMatching(/Too many requests: at most 3 a minute/) }, remaining: '0' });
    expect(Object.keys(refused.body)).toEqual(['error']);
    expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(refused.retryAfter)).toBeLessThanOrEqual(60);
    // Another token of the same user has its own count, but the user's (5 a minute, every request counts) runs out first.
    expect((await get(GET, two)).status).toBe(200);
    expect(await get(GET, two)).toMatchObject({ status: 429, body: { error: expect.stringMatching(/at most 5 a minute/) } });
  });

  it("counts each user's session, apart from other users", async () => {
    const GET = await accounts();
    const first = await createUserWithAccount();
    session.userId = first.user.id;
    for (let i = 0; i < 5; i++) expect((await get(GET)).status).toBe(200);
    expect((await get(GET)).status).toBe(429);
    session.userId = (await createUserWithAccount()).user.id;
    expect(await get(GET)).toMatchObject({ status: 200, remaining: '4' });
  });

  it('keeps the API working when Redis fails (limits fail open), and says so once', async () => {
    const GET = await accounts();
    const warn = vi.spyOn(logger(), 'warn');
    session.userId = (await createUserWithAccount()).user.id;
    expect((await get(GET)).status).toBe(200);
    // The counting connection, closed under the limiter: every Redis command now fails at once.
    const holder = globalThis as unknown as { heraldRateLimit: { redis: { disconnect(): void } } };
    holder.heraldRateLimit.redis.disconnect();
    try {
      for (let i = 0; i < 8; i++) expect(await get(GET)).toMatchObject({ status: 200, limit: null });
      expect(warn.mock.calls.filter(([entry]) => (entry as { event?: string }).event === 'rate_limit_skipped')).toHaveLength(1);
    } finally {
      warn.mockRestore();
      await closeRateLimit();
    }
    // A new connection counts again: the requests while Redis failed were not counted.
    expect(await get(GET)).toMatchObject({ status: 200, remaining: '3' });
  });

  it('does not wait on a Redis that accepts the connection and never answers', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    await closeRateLimit();
    // Commands queue until a ready check that never completes: the request must not wait for them.
    const holder = globalThis as unknown as { heraldRateLimit: { redis: Redis; failing: boolean } };
    holder.heraldRateLimit = { redis: new Redis(port, '127.0.0.1', { enableOfflineQueue: true, maxRetriesPerRequest: 1 }), failing: false };
    try {
      session.userId = (await createUserWithAccount()).user.id;
      const started = performance.now();
      expect(await get(await accounts())).toMatchObject({ status: 200, limit: null });
      expect(performance.now() - started).toBeLessThan(2_000);
    } finally {
      holder.heraldRateLimit.redis.disconnect();
      await closeRateLimit();
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });
});

describe('sign-in rate limits', () => {
  it('take the client address from X-Forwarded-For only as far as TRUST_PROXY says', () => {
    expect(clientAddress('203.0.113.9', 0)).toBeNull();
    expect(clientAddress('6.6.6.6, 203.0.113.9', 1)).toBe('203.0.113.9');
    expect(clientAddress('6.6.6.6, 203.0.113.9, 10.0.0.2', 2)).toBe('203.0.113.9');
    expect(clientAddress('203.0.113.9', 3)).toBe('203.0.113.9');
    expect(clientAddress('2001:DB8::1', 1)).toBe('2001:db8::1');
    expect(clientAddress('not an address!', 1)).toBeNull();
    expect(clientAddress(null, 1)).toBeNull();
  });

  it('limit starting a sign-in and its callback per client address and in total, leaving the rest of Auth.js alone', async () => {
    const inner = vi.fn(async () => new Response('auth.js'));
    const handler = withSignInLimit(inner);
    const from = (ip: string, path = '/api/auth/signin/twitter', method = 'POST') =>
      handler(new NextRequest(`http://localhost${path}`, { method, headers: { 'x-forwarded-for': `1.1.1.1, ${ip}` } }));
    expect((await from('198.51.100.1')).status).toBe(200);
    expect((await from('198.51.100.1', '/api/auth/callback/twitter?code=x', 'GET')).status).toBe(200);
    const refused = await from('198.51.100.1');
    expect(refused.status).toBe(429);
    expect(await refused.json()).toEqual({ error: expect.stringMatching(/Too many sign-in attempts/) });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(inner).toHaveBeenCalledTimes(2);
    // Another address has its own count, the session endpoint none; all of them share the total (5).
    expect((await from('198.51.100.2')).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await from('198.51.100.3', '/api/auth/session', 'GET')).status).toBe(200);
    expect((await from('198.51.100.4')).status).toBe(200);
    expect((await from('198.51.100.5')).status).toBe(429);
  });
});
