import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { posts } from '@/lib/db/schema';
import { createPost } from '@/lib/posts/commands';
import { createPostInput } from '@/lib/posts/input';
import { addAccount, createUserWithAccount } from '../support/fixtures';
import { session } from '../support/signed-in';

// Read by lib/config on first use, after these lines: prices other than the defaults, to see them used.
process.env.X_PRICE_POST_USD = '0.01';
process.env.X_PRICE_POST_WITH_URL_USD = '0.25';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

async function getCosts(query: string): Promise<{ status: number; json: Record<string, unknown> }> {
  const { GET } = await import('@/app/api/v1/costs/route');
  const response = await GET(new Request(`http://localhost:3000/api/v1/costs${query}`), { params: Promise.resolve({}) });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

const range = (from: Date, to: Date) => `?from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}`;

async function schedule(userId: string, accountId: string, texts: string[], at: Date) {
  return createPost(userId, createPostInput.parse({ accountId, parts: texts.map((text) => ({ text })), scheduledAt: at.toISOString() }));
}

const setStatus = (postId: string, status: 'published' | 'failed' | 'cancelled' | 'queued' | 'publishing') =>
  db().update(posts).set({ status }).where(eq(posts.id, postId));

describe('GET /api/v1/costs', () => {
  it("prices the actor's own posts in [from, to) per account, a part with a link at the link price", async () => {
    const owner = await createUserWithAccount({ username: `a_cost_${Date.now()}` });
    const second = await addAccount(owner.user.id);
    const stranger = await createUserWithAccount();
    const start = new Date(Date.now() + DAY);
    const end = new Date(start.getTime() + 10 * DAY);

    // First account: a thread of 3 (one part with a link) and a single post with a scheme-less link.
    await schedule(owner.user.id, owner.account.id, ['one', 'two https://example.com/a', 'three'], new Date(start.getTime() + HOUR));
    await schedule(owner.user.id, owner.account.id, ['read example.com'], new Date(start.getTime() + 2 * HOUR));
    // Second account: one plain post, at the very start of the range (inclusive).
    await schedule(owner.user.id, second.id, ['plain, e.g. no link'], start);
    // Not counted: at the end of the range (exclusive), after it, and someone else's.
    await schedule(owner.user.id, second.id, ['at the end'], end);
    await schedule(owner.user.id, second.id, ['later'], new Date(end.getTime() + DAY));
    await schedule(stranger.user.id, stranger.account.id, ['not mine https://example.com'], new Date(start.getTime() + HOUR));

    session.userId = owner.user.id;
    const answer = await getCosts(range(start, end));
    expect(answer).toEqual({
      status: 200,
      json: {
        costs: {
          prices: { postUsd: 0.01, postWithUrlUsd: 0.25 },
          accounts: [
            { accountId: owner.account.id, username: owner.account.username, posts: 4, postsWithUrl: 2, usd: 0.52 },
            { accountId: second.id, username: second.username, posts: 1, postsWithUrl: 0, usd: 0.01 },
          ],
          total: { posts: 5, postsWithUrl: 2, usd: 0.53 },
        },
      },
    });

    session.userId = stranger.user.id;
    expect((await getCosts(range(start, end))).json).toEqual({
      costs: {
        prices: { postUsd: 0.01, postWithUrlUsd: 0.25 },
        accounts: [{ accountId: stranger.account.id, username: stranger.account.username, posts: 1, postsWithUrl: 1, usd: 0.25 }],
        total: { posts: 1, postsWithUrl: 1, usd: 0.25 },
      },
    });
  });

  it('counts what X bills or will bill: scheduled, queued, publishing and published; not drafts, failed or cancelled', async () => {
    const owner = await createUserWithAccount();
    const start = new Date(Date.now() + DAY);
    const at = (n: number) => new Date(start.getTime() + n * HOUR);
    const billed: Record<string, string> = {};
    for (const [n, status] of (['scheduled', 'queued', 'publishing', 'published', 'failed', 'cancelled'] as const).entries()) {
      const post = await schedule(owner.user.id, owner.account.id, [`${status} post`], at(n + 1));
      if (status !== 'scheduled') await setStatus(post.id, status);
      billed[status] = post.id;
    }
    // A draft with a time (kept by the database even though the UI has none) is still not billed.
    const draft = await schedule(owner.user.id, owner.account.id, ['draft'], at(10));
    await db().update(posts).set({ status: 'draft' }).where(eq(posts.id, draft.id));

    session.userId = owner.user.id;
    const answer = await getCosts(range(start, new Date(start.getTime() + DAY)));
    expect(answer.status).toBe(200);
    expect(answer.json.costs).toMatchObject({ total: { posts: 4, postsWithUrl: 0, usd: 0.04 } });
  });

  it('answers an empty range with zeros', async () => {
    const owner = await createUserWithAccount();
    session.userId = owner.user.id;
    const start = new Date(Date.now() + 400 * DAY);
    expect((await getCosts(range(start, new Date(start.getTime() + DAY)))).json).toEqual({
      costs: { prices: { postUsd: 0.01, postWithUrlUsd: 0.25 }, accounts: [], total: { posts: 0, postsWithUrl: 0, usd: 0 } },
    });
  });

  it('refuses a range that is backwards, empty, longer than 62 days, malformed or incomplete, with a field message', async () => {
    const owner = await createUserWithAccount();
    session.userId = owner.user.id;
    const start = new Date('2026-12-01T00:00:00Z');
    const cases: [string, string][] = [
      [range(start, new Date(start.getTime() - DAY)), 'to'],
      [range(start, start), 'to'],
      [range(start, new Date(start.getTime() + 62 * DAY + 1)), 'to'],
      ['?from=yesterday&to=2026-12-02T00:00:00Z', 'from'],
      ['?from=2026-12-01T00:00:00Z&to=2026-12-02', 'to'],
      ['?from=2026-12-01T00:00:00Z', 'to'],
      [`${range(start, new Date(start.getTime() + DAY))}&account=me`, '_'], // a field the query does not name
    ];
    for (const [query, field] of cases) {
      const answer = await getCosts(query);
      expect(answer.status, query).toBe(400);
      expect(answer.json.error).toBe('Invalid input');
      expect(Object.keys(answer.json.fields as object), query).toContain(field);
    }
    expect((await getCosts(range(start, new Date(start.getTime() + 62 * DAY)))).status).toBe(200);
  });

  it('is for signed-in callers only', async () => {
    const start = new Date('2026-12-01T00:00:00Z');
    expect((await getCosts(range(start, new Date(start.getTime() + DAY)))).status).toBe(401);
  });
});
