/**
 * Experiment, not part of `npm run bench`: the database work of publishing one single-part post,
 * measured alone (no BullMQ, no HTTP), to see what the burst's CPU per post is made of and what
 * fewer or prepared statements would save. This process stands in for a worker: 50 publishes at
 * once over a pool of 10 connections, as in the burst.
 *
 *   A  lib/publishing up to f765021: 7 statements built by drizzle per publish (claim UPDATE,
 *      account SELECT, parts SELECT, mark-sent UPDATE, record-id UPDATE, first-part SELECT, finish
 *      UPDATE), sent unprepared (drizzle's postgres-js driver only prepares with `.prepare(name)`)
 *   A4 lib/publishing as of 4654f67: 4 statements, still built per call and unprepared (claim UPDATE,
 *      account + parts SELECT, mark-sent UPDATE, record-id + finish in one CTE)
 *   B  A's 7 statements as drizzle prepared statements (built once, placeholders)
 *   C  3 prepared statements: claim + account + parts in one CTE, mark-sent, record-id + finish in one CTE
 *
 * lib/publishing went further after these measurements (lib/publishing/statements.ts): 2 prepared
 * statements, the claim's CTE also setting the first part's sent marker.
 *
 * Per variant: client CPU (this process), Postgres CPU (every postgres process on the machine, so
 * run it on a quiet machine), throughput. Usage: `npx tsx bench/experiments/publish-sql.ts [posts]`.
 */
import { randomBytes } from 'node:crypto';
import { and, asc, eq, inArray, lt, or, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { cpuBetween, cpuSnapshot, postgresPids, postgresRoles } from '../env/cpu';
import { createDatabase } from '../env/postgres';
import { log } from '../env/log';
import { teardown } from '../env/teardown';

const POSTS = Number(process.argv[2] ?? 20_000);
const CONCURRENCY = 50;
const POOL = 10;

interface VariantResult {
  name: string;
  statements: number;
  publishes: number;
  wallMs: number;
  clientCpuUs: number;
  pgCpuUs: number;
}

async function main(): Promise<void> {
  const runId = `exp_${randomBytes(3).toString('hex')}`;
  const database = await createDatabase(runId);
  Object.assign(process.env, {
    DATABASE_URL: database.url,
    DB_POOL_MAX: String(POOL),
    AUTH_SECRET: randomBytes(32).toString('base64url'),
    ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    LOG_LEVEL: 'warn',
  });
  // lib/ reads its configuration on first use: import it after the environment is set.
  const { db, closeDb } = await import('../../lib/db');
  const { posts, postParts, xAccounts, users } = await import('../../lib/db/schema');
  const { sealToken, openToken } = await import('../../lib/accounts/secrets');
  const decrypt = (sealed: string | null) => openToken('1', 'access', sealed ?? '');

  const [user] = await db().insert(users).values({ name: 'exp' }).returning();
  const [account] = await db()
    .insert(xAccounts)
    .values({
      userId: user!.id,
      xUserId: '1',
      username: 'exp',
      name: 'exp',
      accessTokenEnc: sealToken('1', 'access', 'token-'.padEnd(40, 'x')),
      refreshTokenEnc: sealToken('1', 'refresh', 'refresh'),
      tokenExpiresAt: new Date(Date.now() + 7_200_000),
      scopes: 'tweet.write',
    })
    .returning();
  const accountId = account!.id;
  const admin = database.sql;
  await admin`insert into posts (user_id, x_account_id, status, scheduled_at)
              select ${user!.id}, ${accountId}, 'scheduled', now() from generate_series(1, ${POSTS * 4})`;
  await admin`insert into post_parts (post_id, position, text) select id, 0, 'text ' || id from posts`;
  await admin`vacuum analyze posts, post_parts`;
  const ids = (await admin<{ id: string }[]>`select id::text as id from posts order by id`).map((r) => r.id);

  // ---- A: as lib/publishing does it ----------------------------------------------------------
  async function publishA(postId: string): Promise<void> {
    const now = new Date();
    const [post] = await db()
      .update(posts)
      .set({ status: 'publishing', attempts: sql`${posts.attempts} + 1`, leaseExpiresAt: new Date(now.getTime() + 30_000), nextAttemptAt: null, updatedAt: now })
      .where(and(eq(posts.id, postId), eq(posts.revision, 1), or(inArray(posts.status, ['scheduled', 'queued']), and(eq(posts.status, 'publishing'), lt(posts.leaseExpiresAt, now)))))
      .returning();
    if (!post) throw new Error('not claimed');
    const [acc] = await db().select().from(xAccounts).where(eq(xAccounts.id, post.xAccountId));
    decrypt(acc!.accessTokenEnc);
    const parts = await db().select().from(postParts).where(eq(postParts.postId, post.id)).orderBy(asc(postParts.position));
    const part = parts[0]!;
    await db().update(postParts).set({ sentAt: new Date() }).where(eq(postParts.id, part.id));
    await db().update(postParts).set({ xPostId: '123', publishedAt: new Date() }).where(eq(postParts.id, part.id));
    await db().select({ xPostId: postParts.xPostId }).from(postParts).where(and(eq(postParts.postId, post.id), eq(postParts.position, 0)));
    await db()
      .update(posts)
      .set({ status: 'published', publishedUrl: 'https://x.com/exp/status/123', publishedAt: new Date(), lastError: null, leaseExpiresAt: null, updatedAt: new Date() })
      .where(and(eq(posts.id, post.id), eq(posts.revision, post.revision), eq(posts.status, 'publishing')));
  }

  // ---- A4: as lib/publishing does it since 4654f67 ------------------------------------------------
  async function publishA4(postId: string): Promise<void> {
    const now = new Date();
    const [post] = await db()
      .update(posts)
      .set({ status: 'publishing', attempts: sql`${posts.attempts} + 1`, leaseExpiresAt: new Date(now.getTime() + 30_000), nextAttemptAt: null, updatedAt: now })
      .where(and(eq(posts.id, postId), eq(posts.revision, 1), or(inArray(posts.status, ['scheduled', 'queued']), and(eq(posts.status, 'publishing'), lt(posts.leaseExpiresAt, now)))))
      .returning();
    if (!post) throw new Error('not claimed');
    const rows = await db()
      .select({ part: postParts, account: xAccounts })
      .from(postParts)
      .innerJoin(xAccounts, eq(xAccounts.id, post.xAccountId))
      .where(eq(postParts.postId, post.id))
      .orderBy(asc(postParts.position));
    decrypt(rows[0]!.account.accessTokenEnc);
    const part = rows[0]!.part;
    await db().update(postParts).set({ sentAt: new Date() }).where(eq(postParts.id, part.id));
    const at = new Date().toISOString();
    await db().execute(sql`with recorded as (update ${postParts} set x_post_id = ${'123'}, published_at = ${at}::timestamptz where id = ${part.id}) update ${posts} set status = 'published', published_url = ${'https://x.com/exp/status/123'}, published_at = ${at}::timestamptz,
      last_error = null, next_attempt_at = null, lease_expires_at = null, updated_at = ${at}::timestamptz
      where id = ${post.id} and revision = ${post.revision} and status = 'publishing'`);
  }

  // ---- B: the same statements, prepared once ---------------------------------------------------
  const p = {
    claim: db()
      .update(posts)
      .set({ status: 'publishing', attempts: sql`${posts.attempts} + 1`, leaseExpiresAt: sql`${sql.placeholder('lease')}::timestamptz`, nextAttemptAt: null, updatedAt: sql`${sql.placeholder('now')}::timestamptz` })
      .where(
        and(
          eq(posts.id, sql.placeholder('id')),
          eq(posts.revision, sql.placeholder('revision')),
          or(inArray(posts.status, ['scheduled', 'queued']), and(eq(posts.status, 'publishing'), lt(posts.leaseExpiresAt, sql`${sql.placeholder('now')}::timestamptz`))),
        ),
      )
      .returning()
      .prepare('exp_claim'),
    account: db().select().from(xAccounts).where(eq(xAccounts.id, sql.placeholder('id'))).prepare('exp_account'),
    parts: db().select().from(postParts).where(eq(postParts.postId, sql.placeholder('id'))).orderBy(asc(postParts.position)).prepare('exp_parts'),
    markSent: db().update(postParts).set({ sentAt: sql`${sql.placeholder('at')}::timestamptz` }).where(eq(postParts.id, sql.placeholder('id'))).prepare('exp_mark'),
    record: db()
      .update(postParts)
      .set({ xPostId: sql`${sql.placeholder('x')}`, publishedAt: sql`${sql.placeholder('at')}::timestamptz` })
      .where(eq(postParts.id, sql.placeholder('id')))
      .prepare('exp_record'),
    first: db()
      .select({ xPostId: postParts.xPostId })
      .from(postParts)
      .where(and(eq(postParts.postId, sql.placeholder('id')), eq(postParts.position, 0)))
      .prepare('exp_first'),
    finish: db()
      .update(posts)
      .set({ status: 'published', publishedUrl: sql`${sql.placeholder('url')}`, publishedAt: sql`${sql.placeholder('at')}::timestamptz`, lastError: null, leaseExpiresAt: null, updatedAt: sql`${sql.placeholder('at')}::timestamptz` })
      .where(and(eq(posts.id, sql.placeholder('id')), eq(posts.revision, sql.placeholder('revision')), eq(posts.status, 'publishing')))
      .prepare('exp_finish'),
  };
  async function publishB(postId: string): Promise<void> {
    const now = new Date();
    const [post] = await p.claim.execute({ id: postId, revision: 1, now: now.toISOString(), lease: new Date(now.getTime() + 30_000).toISOString() });
    if (!post) throw new Error('not claimed');
    const [acc] = await p.account.execute({ id: post.xAccountId });
    decrypt(acc!.accessTokenEnc);
    const [part] = await p.parts.execute({ id: post.id });
    await p.markSent.execute({ id: part!.id, at: new Date().toISOString() });
    await p.record.execute({ id: part!.id, x: '123', at: new Date().toISOString() });
    await p.first.execute({ id: post.id });
    await p.finish.execute({ id: post.id, revision: post.revision, url: 'https://x.com/exp/status/123', at: new Date().toISOString() });
  }

  // ---- C: three prepared statements (postgres.js tagged templates are prepared) ----------------
  const raw = postgres(database.url, { max: POOL, onnotice: () => {} });
  async function publishC(postId: string): Promise<void> {
    const now = new Date();
    const rows = await raw<{ id: string; revision: number; access_token_enc: string; part_id: string; position: number; text: string; x_post_id: string | null }[]>`
      with c as (
        update posts set status = 'publishing', attempts = attempts + 1, lease_expires_at = ${new Date(now.getTime() + 30_000)},
               next_attempt_at = null, updated_at = ${now}
        where id = ${postId} and revision = ${1}
          and (status in ('scheduled', 'queued') or (status = 'publishing' and lease_expires_at < ${now}))
        returning *
      )
      select c.id, c.revision, a.access_token_enc, pp.id as part_id, pp.position, pp.text, pp.x_post_id
      from c join x_accounts a on a.id = c.x_account_id join post_parts pp on pp.post_id = c.id
      order by pp.position`;
    const first = rows[0];
    if (!first) throw new Error('not claimed');
    decrypt(first.access_token_enc);
    await raw`update post_parts set sent_at = ${new Date()} where id = ${first.part_id}`;
    const at = new Date();
    await raw`
      with part as (update post_parts set x_post_id = ${'123'}, published_at = ${at} where id = ${first.part_id})
      update posts set status = 'published', published_url = ${'https://x.com/exp/status/123'}, published_at = ${at},
             last_error = null, lease_expires_at = null, updated_at = ${at}
      where id = ${first.id} and revision = ${first.revision} and status = 'publishing'`;
  }

  async function run(name: string, statements: number, fn: (id: string) => Promise<void>, slice: string[]): Promise<VariantResult> {
    // Warm-up on posts of its own, then the measured part.
    const warm = slice.slice(0, 1_000);
    const measured = slice.slice(1_000);
    const lanes = async (items: string[]) => {
      let next = 0;
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          for (;;) {
            const id = items[next++];
            if (!id) return;
            await fn(id);
          }
        }),
      );
    };
    await lanes(warm);
    const before = cpuSnapshot(postgresPids());
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await lanes(measured);
    const wallMs = performance.now() - t0;
    const c = process.cpuUsage(c0);
    const after = cpuSnapshot(postgresPids());
    // This database's backends and the server processes (WAL writer...), not other databases'.
    const roles = await postgresRoles(admin);
    const groups = new Map([['postgres', [...roles.bench, ...roles.server]]]);
    const pg = cpuBetween(before, after, groups).shares.find((s) => s.label === 'postgres')?.cpuMs ?? Number.NaN;
    const n = measured.length;
    const r = { name, statements, publishes: n, wallMs, clientCpuUs: (c.user + c.system) / n, pgCpuUs: (pg * 1000) / n };
    log(`${name}: ${((n / wallMs) * 1000).toFixed(0)} publishes/s, client ${r.clientCpuUs.toFixed(0)} µs, Postgres ${r.pgCpuUs.toFixed(0)} µs CPU per publish`);
    return r;
  }

  const results: VariantResult[] = [];
  results.push(await run('A  up to f765021: 7 statements, drizzle, unprepared', 7, publishA, ids.slice(0, POSTS)));
  results.push(await run('A4 since 4654f67: 4 statements, drizzle, unprepared', 4, publishA4, ids.slice(POSTS, 2 * POSTS)));
  results.push(await run('B  7 statements, drizzle .prepare()', 7, publishB, ids.slice(2 * POSTS, 3 * POSTS)));
  results.push(await run('C  3 statements, prepared', 3, publishC, ids.slice(3 * POSTS, 4 * POSTS)));
  await raw.end();
  await closeDb();

  console.log('\n| variant | statements | publishes/s | client CPU per publish | Postgres CPU per publish | both |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const r of results) {
    console.log(
      `| ${r.name} | ${r.statements} | ${((r.publishes / r.wallMs) * 1000).toFixed(0)} | ${r.clientCpuUs.toFixed(0)} µs | ${r.pgCpuUs.toFixed(0)} µs | ${(r.clientCpuUs + r.pgCpuUs).toFixed(0)} µs |`,
    );
  }
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => teardown());
