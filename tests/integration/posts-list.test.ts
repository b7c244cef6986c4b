import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inArray } from 'drizzle-orm';
import { db } from '@/lib/db';
import { postParts, posts } from '@/lib/db/schema';
import { listPostsInput, POSTS_PAGE_MAX } from '@/lib/posts/input';
import { listPosts } from '@/lib/posts/queries';
import type { PostView } from '@/lib/posts/view';
import { createToken } from '@/lib/tokens/commands';
import { callRoute, type Handler } from '../support/call-route';
import { addAccount, createUserWithAccount } from '../support/fixtures';
// Stands in for the browser session (routes import it) and closes connections after the file.
import '../support/signed-in';

const GET = async (...args: Parameters<Handler>) => ((await import('@/app/api/v1/posts/route')).GET)(...args);

/**
 * GET /api/v1/posts: one page at a time, by time, filtered. Posts are written straight to
 * Postgres (times in the past and future alike) so the order and the filters are exact.
 */
const DAY = 24 * 3600_000;
const base = Date.UTC(2027, 0, 1, 9, 0, 0);

let owner: Awaited<ReturnType<typeof createUserWithAccount>>;
let second: Awaited<ReturnType<typeof addAccount>>;
let stranger: Awaited<ReturnType<typeof createUserWithAccount>>;
let token: string;
const made: string[] = [];

async function insert(userId: string, accountId: string, text: string, status: 'draft' | 'scheduled' | 'published' | 'failed', at: Date | null) {
  const [row] = await db().insert(posts).values({ userId, xAccountId: accountId, status, scheduledAt: at }).returning({ id: posts.id });
  await db().insert(postParts).values({ postId: row!.id, position: 0, text });
  made.push(row!.id);
  return row!.id;
}

/** Every page of a query, through the route as a client sees it. */
async function allPages(query: string, limit: number): Promise<{ pages: PostView[][]; statuses: number[] }> {
  const pages: PostView[][] = [];
  const statuses: number[] = [];
  let cursor: string | null = null;
  for (let n = 0; n < 50; n++) {
    const answer = await callRoute(GET, 'GET', `/api/v1/posts?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`, { token });
    statuses.push(answer.status);
    pages.push(answer.body.posts as PostView[]);
    cursor = answer.body.nextCursor as string | null;
    if (!cursor) break;
  }
  return { pages, statuses };
}

beforeAll(async () => {
  owner = await createUserWithAccount();
  second = await addAccount(owner.user.id);
  stranger = await createUserWithAccount();
  token = (await createToken(owner.user.id, { name: 'list', scopes: ['posts:read'] })).token;
  // 25 timed posts a day apart on two accounts, two of them at the very same instant, and drafts without a time.
  for (let i = 0; i < 25; i++) {
    const account = i % 2 === 0 ? owner.account.id : second.id;
    await insert(owner.user.id, account, `Post number ${i}${i === 7 ? ' about Lighthouses and 100%_sure' : ''}`, i < 10 ? 'published' : 'scheduled', new Date(base + i * DAY));
  }
  await insert(owner.user.id, second.id, 'Same instant as number 12', 'failed', new Date(base + 12 * DAY));
  await insert(owner.user.id, owner.account.id, 'A draft without a time', 'draft', null);
  await insert(owner.user.id, owner.account.id, 'Another lighthouse draft', 'draft', null);
  await insert(stranger.user.id, stranger.account.id, 'A stranger on lighthouses', 'scheduled', new Date(base + 3 * DAY));
});

afterAll(async () => {
  await db().delete(posts).where(inArray(posts.id, made));
});

describe('the posts list', () => {
  it('pages through every post once, by time then id, drafts without a time last', async () => {
    const { pages, statuses } = await allPages('order=asc', 4);
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect(pages.slice(0, -1).every((p) => p.length === 4)).toBe(true);
    const seen = pages.flat();
    expect(seen).toHaveLength(28);
    expect(new Set(seen.map((p) => p.id)).size).toBe(28);
    const times = seen.map((p) => (p.scheduledAt ? Date.parse(p.scheduledAt) : Infinity));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(seen.slice(-2).map((p) => p.scheduledAt)).toEqual([null, null]);
    // The two posts at one instant are both there, in id order.
    const tied = seen.filter((p) => p.scheduledAt === new Date(base + 12 * DAY).toISOString()).map((p) => p.id);
    expect(tied).toEqual([...tied].sort());
  });

  it('pages latest first with order=desc, drafts first', async () => {
    const seen = (await allPages('order=desc', 5)).pages.flat();
    expect(seen).toHaveLength(28);
    expect(seen.slice(0, 2).map((p) => p.scheduledAt)).toEqual([null, null]);
    const times = seen.slice(2).map((p) => Date.parse(p.scheduledAt!));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('filters by range, status and account together', async () => {
    const from = new Date(base + 5 * DAY).toISOString();
    const to = new Date(base + 15 * DAY).toISOString();
    const { pages, statuses } = await allPages(`from=${from}&to=${to}&status=scheduled,failed&account=${second.id}`, 2);
    expect(statuses.every((s) => s === 200)).toBe(true);
    const seen = pages.flat();
    // Days 5..15 on the second account (odd days), scheduled from day 10 on, plus the failed one on day 12.
    expect(seen.map((p) => p.parts[0]!.text)).toEqual(['Post number 11', 'Same instant as number 12', 'Post number 13', 'Post number 15']);
    expect(seen.every((p) => p.accountId === second.id && (p.status === 'scheduled' || p.status === 'failed'))).toBe(true);
  });

  it('finds words in any part, ignoring case, with % and _ taken literally, and only the caller’s posts', async () => {
    const found = (await listPosts(owner.user.id, listPostsInput.parse({ q: 'LIGHTHOUSE' }))).posts.map((p) => p.parts[0]!.text);
    expect(found).toEqual(['Post number 7 about Lighthouses and 100%_sure', 'Another lighthouse draft']);
    expect((await listPosts(owner.user.id, listPostsInput.parse({ q: '100%_s' }))).posts).toHaveLength(1);
    expect((await listPosts(owner.user.id, listPostsInput.parse({ q: '0%' }))).posts).toHaveLength(1);
    expect((await listPosts(owner.user.id, listPostsInput.parse({ q: 'number_1' }))).posts).toHaveLength(0);
    expect((await listPosts(stranger.user.id, listPostsInput.parse({ q: 'lighthouse' }))).posts.map((p) => p.parts[0]!.text)).toEqual(['A stranger on lighthouses']);
  });

  it('answers 400 with a field message for a page too big, a foreign cursor or an unknown parameter', async () => {
    const tooBig = await callRoute(GET, 'GET', `/api/v1/posts?limit=${POSTS_PAGE_MAX + 1}`, { token });
    expect(tooBig.status).toBe(400);
    expect(tooBig.body.fields?.limit).toEqual([`At most ${POSTS_PAGE_MAX} per page`]);
    const cursor = await callRoute(GET, 'GET', `/api/v1/posts?cursor=${Buffer.from('nope').toString('base64url')}`, { token });
    expect(cursor.status).toBe(400);
    expect(cursor.body.fields?.cursor?.[0]).toMatch(/Unknown cursor/);
    const unknown = await callRoute(GET, 'GET', '/api/v1/posts?sort=time', { token });
    expect(unknown.status).toBe(400);
    const account = await callRoute(GET, 'GET', '/api/v1/posts?account=not-a-uuid', { token });
    expect(account.status).toBe(400);
  });

  it('takes an empty status or account list as no filter, as the client leaves empty values out', async () => {
    const all = await allPages('order=asc', 200);
    const empty = await allPages('order=asc&status=&account=%20,', 200);
    expect(empty.statuses).toEqual([200]);
    expect(empty.pages.flat().map((p) => p.id)).toEqual(all.pages.flat().map((p) => p.id));
    expect(empty.pages.flat()).toHaveLength(28);
    const many = Array.from({ length: 51 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`).join(',');
    const tooMany = await callRoute(GET, 'GET', `/api/v1/posts?account=${many}`, { token });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.fields?.account).toEqual(['At most 50 accounts']);
  });

  it('answers at most the default page with a cursor when no limit is given', async () => {
    const answer = await callRoute(GET, 'GET', '/api/v1/posts', { token });
    expect(answer.status).toBe(200);
    expect((answer.body.posts as PostView[]).length).toBeLessThanOrEqual(50);
    const one = await callRoute(GET, 'GET', '/api/v1/posts?limit=1', { token });
    expect(one.body.posts).toHaveLength(1);
    expect(typeof one.body.nextCursor).toBe('string');
  });
});
