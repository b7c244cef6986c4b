import { afterEach, describe, expect, it, vi } from 'vitest';
import { costs, posts, queue, schedules } from './client';

/** The requests the client made, answered with `answer`: only the browser's fetch is stood in for. */
function recordRequests(answer: () => Response) {
  const seen: { url: string; method: string; body: unknown; contentType: string | null }[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    const headers = new Headers(init.headers);
    seen.push({ url, method: init.method ?? 'GET', body: typeof init.body === 'string' ? JSON.parse(init.body) : init.body, contentType: headers.get('content-type') });
    return answer();
  });
  return seen;
}

const postAnswer = () => Response.json({ post: { id: 'p1' } });

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('posts', () => {
  it('puts ids into paths encoded, so an id can never reach another endpoint', async () => {
    const seen = recordRequests(postAnswer);
    await posts.update('../accounts/x?y', { status: 'cancelled' });
    await posts.retry('a/b');
    expect(seen.map((r) => `${r.method} ${r.url}`)).toEqual(['PATCH /api/v1/posts/..%2Faccounts%2Fx%3Fy', 'POST /api/v1/posts/a%2Fb/retry']);
    expect(seen[0]).toMatchObject({ body: { status: 'cancelled' }, contentType: 'application/json' });
    expect(seen[1]).toMatchObject({ body: undefined, contentType: null });
  });

  it('sends only the filters given', async () => {
    const seen = recordRequests(() => Response.json({ posts: [] }));
    await posts.list({ from: '2026-12-01T00:00:00.000Z', to: '2026-12-31T00:00:00.000Z' });
    await posts.list({ status: 'draft' });
    await posts.list({});
    expect(seen.map((r) => r.url)).toEqual([
      '/api/v1/posts?from=2026-12-01T00%3A00%3A00.000Z&to=2026-12-31T00%3A00%3A00.000Z',
      '/api/v1/posts?status=draft',
      '/api/v1/posts',
    ]);
  });

  it('answers with the post, a failure, or nothing for a delete', async () => {
    recordRequests(postAnswer);
    expect(await posts.create({ accountId: 'a', parts: [{ text: 'hi' }] })).toEqual({ ok: true, status: 200, data: { post: { id: 'p1' }, undo: null } });
    recordRequests(() => new Response(null, { status: 204 }));
    expect(await posts.remove('p1')).toEqual({ ok: true, status: 204, data: null });
    recordRequests(() => Response.json({ error: 'Post not found' }, { status: 404 }));
    expect(await posts.remove('p1')).toEqual({ ok: false, status: 404, error: 'Post not found', fields: {} });
  });

  it('reads the offer to undo beside the post, and sends its token back', async () => {
    const undo = { token: 'abc.def', expiresAt: '2026-12-01T09:00:10.000Z' };
    const seen = recordRequests(() => Response.json({ post: { id: 'p1' }, undo }));
    expect(await posts.update('p1', { scheduledAt: null })).toMatchObject({ ok: true, data: { post: { id: 'p1' }, undo } });
    recordRequests(() => Response.json({ post: { id: 'p1' }, undo: { token: 1 } }));
    expect(await posts.update('p1', { scheduledAt: null })).toMatchObject({ ok: true, data: { undo: null } });
    const undone = recordRequests(() => Response.json({ posts: [{ id: 'p1' }] }));
    expect(await posts.undo('abc.def')).toMatchObject({ ok: true, data: [{ id: 'p1' }] });
    expect(seen[0]).toMatchObject({ method: 'PATCH' });
    expect(undone[0]).toMatchObject({ method: 'POST', url: '/api/v1/posts/undo', body: { token: 'abc.def' } });
  });

  it('reports a network failure as status 0', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('fetch failed');
    });
    expect(await posts.list({})).toMatchObject({ ok: false, status: 0, error: 'Herald could not be reached. Check your connection and try again.' });
  });
});

describe('schedules and queue', () => {
  it('reads and replaces a schedule, lists and moves in the queue, with the account id encoded', async () => {
    const seen = recordRequests(() => Response.json({ schedule: { accountId: 'a' }, queue: { accountId: 'a' }, posts: [] }));
    const body = { timeZone: 'Asia/Tokyo', slots: [{ day: 'mon' as const, time: '09:00' }], blackoutDates: ['2026-12-25'] };
    expect(await schedules.get('a/b')).toMatchObject({ ok: true, data: { accountId: 'a' } });
    await schedules.put('a', body);
    expect(await queue.list('a', { weeks: 3 })).toMatchObject({ ok: true, data: { accountId: 'a' } });
    await queue.list('a');
    expect(await queue.move('a', { postId: 'p', slot: '2026-12-01T09:00:00.000Z' })).toEqual({ ok: true, status: 200, data: [] });
    expect(seen.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /api/v1/accounts/a%2Fb/schedule',
      'PUT /api/v1/accounts/a/schedule',
      'GET /api/v1/accounts/a/queue?weeks=3',
      'GET /api/v1/accounts/a/queue',
      'POST /api/v1/accounts/a/queue/move',
    ]);
    expect(seen[1]!.body).toEqual(body);
    expect(seen[4]!.body).toEqual({ postId: 'p', slot: '2026-12-01T09:00:00.000Z' });
  });
});

describe('costs', () => {
  it('asks for a range and answers the costs, refusing an answer of another shape', async () => {
    const view = { prices: { postUsd: 0.015, postWithUrlUsd: 0.2 }, accounts: [], total: { posts: 0, postsWithUrl: 0, usd: 0 } };
    const seen = recordRequests(() => Response.json({ costs: view }));
    expect(await costs.get({ from: '2026-12-01T00:00:00.000Z', to: '2027-01-01T00:00:00.000Z' })).toEqual({ ok: true, status: 200, data: view });
    expect(seen.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /api/v1/costs?from=2026-12-01T00%3A00%3A00.000Z&to=2027-01-01T00%3A00%3A00.000Z']);
    recordRequests(() => Response.json({ costs: [] }));
    expect(await costs.get({ from: 'a', to: 'b' })).toMatchObject({ ok: false, status: 200 });
  });
});
