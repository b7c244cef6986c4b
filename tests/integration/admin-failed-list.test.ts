import { inArray, sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { closeDb, db } from '@/lib/db';
import { postParts, posts } from '@/lib/db/schema';
import { AppError } from '@/lib/errors';
import { listFailedPosts } from '@/lib/posts/queries';
import { createUserWithAccount } from '../support/fixtures';

afterAll(async () => {
  await closeDb();
});

describe("the admin's list of failed posts", () => {
  it('pages through every failure, newest first, none twice, none missed, ties included', async () => {
    const { user, account } = await createUserWithAccount();
    // 130 failures over the last hours; 10 of them at the very same microsecond.
    const values = Array.from({ length: 130 }, (_, i) => ({
      userId: user.id,
      xAccountId: account.id,
      status: 'failed' as const,
      lastError: `failure ${i}`,
      updatedAt: i < 10 ? new Date('2026-01-01T00:00:00.123Z') : new Date(Date.now() - i * 60_000),
    }));
    const mine = await db().insert(posts).values(values).returning({ id: posts.id });
    await db()
      .insert(postParts)
      .values(mine.map((p) => ({ postId: p.id, position: 0, text: 'x' })));
    const ids = new Set(mine.map((p) => p.id));

    const seen: { id: string; updatedAt: string }[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await listFailedPosts({ cursor, limit: 50 });
      expect(page.rows.length).toBeLessThanOrEqual(50);
      expect(page.total).toBeGreaterThanOrEqual(130);
      seen.push(...page.rows.map((r) => ({ id: r.post.id, updatedAt: r.post.updatedAt })));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 1_000);

    const ours = seen.filter((s) => ids.has(s.id));
    expect(ours).toHaveLength(130);
    expect(new Set(seen.map((s) => s.id)).size).toBe(seen.length);
    const times = seen.map((s) => Date.parse(s.updatedAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    await db().delete(posts).where(inArray(posts.id, [...ids]));
  });

  it('refuses a cursor it did not make', async () => {
    const error = await listFailedPosts({ cursor: 'bm90LWEtY3Vyc29y' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(400);
  });

  it('has an index that serves the page query, in order', async () => {
    // A test database is too small for the planner to prefer any index. Make every other way dear
    // (a table scan, a bitmap scan, a sort) to ask whether an index can serve the query in order.
    const plan = await db().transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      await tx.execute(sql`set local enable_bitmapscan = off`);
      await tx.execute(sql`set local enable_sort = off`);
      return tx.execute<{ 'QUERY PLAN': string }>(
        sql`explain select id from posts where status = 'failed' and (updated_at, id) < ('2030-01-01T00:00:00Z'::timestamptz, '00000000-0000-0000-0000-000000000000'::uuid) order by updated_at desc, id desc limit 51`,
      );
    });
    const text = plan.map((r) => r['QUERY PLAN']).join('\n');
    expect(text).toMatch(/Index (Only )?Scan Backward using posts_failed_idx/);
    expect(text).not.toMatch(/Sort/);
  });
});
