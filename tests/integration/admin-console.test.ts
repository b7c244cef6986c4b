import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { RETRY_MATCHING_CAP } from '@/lib/admin/bulk';
import { db } from '@/lib/db';
import { adminAudit, posts } from '@/lib/db/schema';
import { createPost } from '@/lib/posts/commands';
import { createPostInput } from '@/lib/posts/input';
import { createUserWithAccount } from '../support/fixtures';
import { session } from '../support/signed-in';
import { callRoute, type Handler } from '../support/call-route';

const ADMIN_X_USER_ID = '7000000000000000077';
// Read by lib/config on first use, which comes after these lines in this file's own process.
process.env.ADMIN_X_USER_IDS = ADMIN_X_USER_ID;

const call = (handler: Handler, method: string, url: string, body?: unknown) => callRoute(handler, method, url, { body });

const routes = {
  overview: () => import('@/app/api/v1/admin/overview/route'),
  publishing: () => import('@/app/api/v1/admin/publishing/route'),
  failed: () => import('@/app/api/v1/admin/failed-posts/route'),
  actions: () => import('@/app/api/v1/admin/failed-posts/actions/route'),
  audit: () => import('@/app/api/v1/admin/audit/route'),
};

let admin: ReturnType<typeof createUserWithAccount> | undefined;
const theAdmin = async () => (await (admin ??= createUserWithAccount({ xUserId: ADMIN_X_USER_ID }))).user.id;

/** `n` failed posts of one account, in one INSERT…SELECT (and their parts in another). */
async function insertFailed(userId: string, accountId: string, n: number, errorClass: 'permanent' | 'transient' | 'rate_limited'): Promise<string[]> {
  const rows = await db().execute<{ id: string }>(sql`
    insert into posts (user_id, x_account_id, status, last_error, last_error_class, attempts, scheduled_at, updated_at)
    select ${userId}, ${accountId}::uuid, 'failed', 'X said no (' || g || ')', ${errorClass}::failure_class, 3,
           now() - interval '1 day', now() - (g || ' seconds')::interval
    from generate_series(1, ${n}) g
    returning id`);
  const ids = rows.map((r) => r.id);
  await db().execute(sql`insert into post_parts (post_id, position, text) select id, 0, 'failed text' from unnest(${`{${ids.join(',')}}`}::uuid[]) id`);
  return ids;
}

const made: string[] = [];
afterAll(async () => {
  // Publishing must not stay paused for the files after this one, nor these posts stay failed.
  session.userId = await theAdmin();
  const { PUT } = await routes.publishing();
  await call(PUT, 'PUT', '/api/v1/admin/publishing', { paused: false });
  for (let i = 0; i < made.length; i += 1000) await db().delete(posts).where(inArray(posts.id, made.slice(i, i + 1000)));
});

describe('the admin console API', () => {
  it('refuses anyone who is not an admin (403), and unknown fields (400)', async () => {
    const { user } = await createUserWithAccount();
    session.userId = user.id;
    expect((await call((await routes.overview()).GET, 'GET', '/api/v1/admin/overview')).status).toBe(403);
    expect((await call((await routes.publishing()).PUT, 'PUT', '/api/v1/admin/publishing', { paused: true })).status).toBe(403);
    expect((await call((await routes.failed()).GET, 'GET', '/api/v1/admin/failed-posts')).status).toBe(403);
    expect((await call((await routes.actions()).POST, 'POST', '/api/v1/admin/failed-posts/actions', { action: 'retry_matching', filter: {} })).status).toBe(403);
    expect((await call((await routes.audit()).GET, 'GET', '/api/v1/admin/audit')).status).toBe(403);

    session.userId = await theAdmin();
    const { POST } = await routes.actions();
    expect((await call(POST, 'POST', '/api/v1/admin/failed-posts/actions', { action: 'retry_matching', filter: {}, extra: 1 })).status).toBe(400);
    expect((await call(POST, 'POST', '/api/v1/admin/failed-posts/actions', { action: 'retry_matching', filter: { owner: 'x' } })).status).toBe(400);
    expect((await call(POST, 'POST', '/api/v1/admin/failed-posts/actions', { action: 'cancel', postIds: [] })).status).toBe(400);
    expect((await call((await routes.failed()).GET, 'GET', '/api/v1/admin/failed-posts?errorClass=gremlins')).status).toBe(400);
  });

  it('filters 10,000 failed posts by account, owner and error class, a page at a time, on an index', async () => {
    const big = await createUserWithAccount();
    const other = await createUserWithAccount();
    made.push(...(await insertFailed(big.user.id, big.account.id, 9_000, 'transient')));
    made.push(...(await insertFailed(big.user.id, big.account.id, 500, 'permanent')));
    made.push(...(await insertFailed(other.user.id, other.account.id, 500, 'rate_limited')));
    await db().execute(sql`analyze posts`);

    session.userId = await theAdmin();
    const { GET } = await routes.failed();
    const page = await call(GET, 'GET', `/api/v1/admin/failed-posts?accountId=${big.account.id}&errorClass=permanent`);
    expect(page.status).toBe(200);
    expect(page.body.total).toBe(500);
    const rows = page.body.rows as { post: { id: string; accountId: string; errorClass: string | null }; owner: { id: string } }[];
    expect(rows).toHaveLength(50);
    expect(rows.every((r) => r.owner.id === big.user.id)).toBe(true);
    const next = await call(GET, 'GET', `/api/v1/admin/failed-posts?accountId=${big.account.id}&errorClass=permanent&cursor=${page.body.nextCursor as string}`);
    const nextRows = next.body.rows as typeof rows;
    expect(nextRows).toHaveLength(50);
    expect(nextRows.some((r) => rows.some((s) => s.post.id === r.post.id))).toBe(false);

    const byUser = await call(GET, 'GET', `/api/v1/admin/failed-posts?userId=${other.user.id}`);
    expect(byUser.body.total).toBe(500);
    expect((await call(GET, 'GET', '/api/v1/admin/failed-posts?errorClass=rate_limited')).body.total).toBe(500);

    // The planner, at 10,000 rows and real statistics, serves each filtered page (500 of them) from its partial index, in order.
    for (const [column, value, index] of [
      ['x_account_id', other.account.id, 'posts_failed_account_idx'],
      ['user_id', other.user.id, 'posts_failed_user_idx'],
      ['last_error_class', 'permanent', 'posts_failed_class_idx'],
    ] as const) {
      const plan = await db().execute<{ 'QUERY PLAN': string }>(
        sql`explain analyze select id from posts where status = 'failed' and ${sql.identifier(column)} = ${value} and (updated_at, id) < (now(), '00000000-0000-0000-0000-000000000000'::uuid) order by updated_at desc, id desc limit 51`,
      );
      const text = plan.map((r) => r['QUERY PLAN']).join('\n');
      expect(text).toMatch(new RegExp(`Index (Only )?Scan Backward using ${index}`));
      expect(text).not.toMatch(/Sort|Seq Scan/);
      // Loose: a page read well under 50 ms here (typically well under 1 ms).
      expect(Number(/Execution Time: ([\d.]+) ms/.exec(text)?.[1])).toBeLessThan(50);
    }
  });

  it('retries the selected posts, cancels one, and retries all matching a filter in bounded batches; each is audited', async () => {
    const owner = await createUserWithAccount();
    const ids = await insertFailed(owner.user.id, owner.account.id, RETRY_MATCHING_CAP + 20, 'permanent');
    made.push(...ids);
    const adminId = await theAdmin();
    session.userId = adminId;
    const { POST } = await routes.actions();

    const picked = ids.slice(0, 3);
    const retried = await call(POST, 'POST', '/api/v1/admin/failed-posts/actions', { action: 'retry', postIds: picked });
    expect(retried.body).toEqual({ done: 3, skipped: 0 });
    const states = await db().select({ status: posts.status, attempts: posts.attempts }).from(posts).where(inArray(posts.id, picked));
    expect(states.every((s) => s.status === 'queued' && s.attempts === 0)).toBe(true);

    const cancelled = await call(POST, 'POST', '/api/v1/admin/failed-posts/actions', { action: 'cancel', postIds: [ids[3], picked[0]] });
    // The retried one is no longer failed: left alone.
    expect(cancelled.body).toEqual({ done: 1, skipped: 1 });
    expect((await db().select({ status: posts.status }).from(posts).where(eq(posts.id, ids[3]!)))[0]?.status).toBe('cancelled');

    const filter = { accountId: owner.account.id, userId: null, errorClass: 'permanent' };
    const all = await call(POST, 'POST', '/api/v1/admin/failed-posts/actions', { action: 'retry_matching', filter });
    expect(all.body).toEqual({ done: RETRY_MATCHING_CAP, skipped: 0, remaining: 16 });
    const again = await call(POST, 'POST', '/api/v1/admin/failed-posts/actions', { action: 'retry_matching', filter });
    expect(again.body).toEqual({ done: 16, skipped: 0, remaining: 0 });

    const { GET } = await routes.audit();
    const log = await call(GET, 'GET', '/api/v1/admin/audit');
    const entries = log.body.entries as { action: string; count: number; postIds: string[]; filter: unknown; admin: { id: string } }[];
    expect(entries.slice(0, 4).map((e) => [e.action, e.count])).toEqual([
      ['retry_matching', 16],
      ['retry_matching', RETRY_MATCHING_CAP],
      ['cancel', 1],
      ['retry', 3],
    ]);
    expect(entries.slice(0, 4).every((e) => e.admin.id === adminId)).toBe(true);
    expect(entries[1]!.postIds).toHaveLength(100);
    expect(entries[1]!.filter).toEqual(filter);
    expect(entries[2]!.postIds).toEqual([ids[3]]);
    expect(entries[3]!.postIds.sort()).toEqual([...picked].sort());
  });

  it('pauses and resumes publishing, shows it in the overview, and audits both', async () => {
    const adminId = await theAdmin();
    session.userId = adminId;
    const { PUT } = await routes.publishing();
    const paused = await call(PUT, 'PUT', '/api/v1/admin/publishing', { paused: true });
    expect(paused.status).toBe(200);
    expect((paused.body.publishing as { paused: boolean }).paused).toBe(true);

    const { user, account } = await createUserWithAccount();
    const due = await createPost(user.id, createPostInput.parse({ accountId: account.id, parts: [{ text: 'due while paused' }], publishNow: true }));
    // No worker here: the post would wait for the next file's worker, which must not find it.
    made.push(due.id);
    const overview = (await call((await routes.overview()).GET, 'GET', '/api/v1/admin/overview')).body.overview as {
      posts: Record<string, number>;
      jobs: Record<string, number> | null;
      due: { count: number; oldestLagMs: number };
      workers: unknown[] | null;
      publishing: { paused: boolean; changedBy: { id: string } };
    };
    expect(overview.publishing.paused).toBe(true);
    expect(overview.publishing.changedBy.id).toBe(adminId);
    expect(overview.posts.failed).toBeGreaterThanOrEqual(9_000);
    expect(overview.posts.queued).toBeGreaterThanOrEqual(1);
    expect(overview.due.count).toBeGreaterThanOrEqual(1);
    expect(overview.jobs?.waiting).toBeGreaterThanOrEqual(1);
    expect(overview.workers).toEqual([]);

    expect((await call(PUT, 'PUT', '/api/v1/admin/publishing', { paused: false })).status).toBe(200);
    const [latest, before] = await db().select().from(adminAudit).orderBy(sql`${adminAudit.at} desc`).limit(2);
    expect([latest?.action, before?.action]).toEqual(['resume', 'pause']);
  });
});
