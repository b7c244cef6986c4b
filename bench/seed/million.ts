/**
 * A big posts table, fast: users, X accounts, posts and their parts written with a few
 * INSERT … SELECT generate_series statements (lib/posts would take an hour for a million). Made
 * for `npm run bench`'s calendar scenario and reusable by any run that needs "a million posts".
 *
 * What it makes, in a database migrated with Herald's migrations:
 * - `accounts` X accounts: the bench user owns `benchAccounts` of them, every other user one;
 * - `totalPosts` posts, `benchPosts` of them the bench user's. Times are spread evenly over
 *   [from, to); past ones mostly published (some failed, cancelled or drafts with a time), future
 *   ones mostly scheduled (some drafts); a few drafts have no time. Exactly `window.posts` of the
 *   bench user's timed posts fall in [window.start, window.end) — the screen the browser measures;
 * - 1 to 3 parts per post (60 / 30 / 10 %), text made of two sentences of weighted words
 *   (./words.ts) and the post's number; RARE_WORD in one post in RARE_EVERY.
 * The bench user's first account has the X user id given, and an Auth.js link to it, so signing
 * in through the X sandbox as that user opens this user's calendar.
 *
 * Indexes of posts and post_parts that back no constraint are dropped for the load and rebuilt
 * after it from their own definitions (much faster than growing a trigram GIN row by row),
 * foreign-key triggers are skipped when the connection may (superuser), then the tables are
 * ANALYZEd.
 */
import { randomUUID } from 'node:crypto';
import type postgres from 'postgres';
import { sealToken } from '../../lib/accounts/secrets';
import { seededRandom } from '../../scripts/toolkit';
import { RARE_EVERY, RARE_WORD, sentences } from './words';

export interface MillionSeedOptions {
  totalPosts: number;
  accounts: number;
  benchPosts: number;
  benchAccounts: number;
  /** The span every post's time falls in. */
  from: Date;
  to: Date;
  /** Before this, a timed post is in the past (published, failed…); after, waiting. */
  now: Date;
  /** The bench user's posts in [start, end): exactly `posts`, none else of theirs there. */
  window: { start: Date; end: Date; posts: number };
  /** The X user id and username of the bench user's first account (a sandbox user, to sign in as). */
  benchXUserId: string;
  benchUsername: string;
  /** Prefix of the users' ids and the accounts' usernames, so two seeds never collide. */
  tag: string;
  /** 0..1: seeds Postgres's random() (setseed), so a run's data can be made again. */
  seed: number;
}

export interface MillionSeed {
  benchUserId: string;
  benchAccountIds: string[];
  counts: { users: number; accounts: number; posts: number; parts: number; benchPosts: number; benchInWindow: number; benchDraftsWithoutTime: number };
  /** Whether foreign-key triggers were skipped during the load (session_replication_role). */
  fkChecksSkipped: boolean;
  /** Milliseconds of each step. */
  timings: { step: string; ms: number }[];
  totalMs: number;
}

const SENTENCES = 4_096;
/** Of every post: drafts with no time. */
const UNTIMED_SHARE = 0.03;

/** Bulk inserts stay under Postgres's 65,535 parameters per statement. */
const ROWS_PER_INSERT = 2_000;

export async function seedMillion(sql: postgres.Sql, o: MillionSeedOptions): Promise<MillionSeed> {
  if (o.benchAccounts < 1 || o.accounts <= o.benchAccounts) throw new Error('seedMillion: need at least one bench account and one other');
  if (o.window.posts > o.benchPosts * (1 - UNTIMED_SHARE)) throw new Error('seedMillion: the window holds more posts than the bench user has');
  const timings: { step: string; ms: number }[] = [];
  const started = performance.now();
  const step = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    const value = await fn();
    timings.push({ step: name, ms: performance.now() - t });
    return value;
  };
  // One connection throughout: setseed and the temporary tables live in its session.
  const c = await sql.reserve();
  try {
    await c`select setseed(${o.seed * 2 - 1})`;
    await c`set maintenance_work_mem = '256MB'`;
    // Foreign-key checks are triggers: skipped for this session's inserts, which make every
    // referenced row first (about half the load's time). Needs a superuser; else they run.
    const fkChecksSkipped = await c`set session_replication_role = replica`.then(
      () => true,
      () => false,
    );
    const otherUsers = o.accounts - o.benchAccounts;
    const benchUserId = `${o.tag}-bench`;

    const benchAccountIds = await step('users and X accounts', async () => {
      await c`insert into users (id, name) values (${benchUserId}, 'Bench user')`;
      await c`insert into users (id, name) select ${o.tag} || '-' || g, 'Bench other ' || g from generate_series(1, ${otherUsers}::int) g`;
      // Every account's tokens sealed for it (the web app opens the bench user's).
      const rows = Array.from({ length: o.accounts }, (_, i) => {
        const bench = i < o.benchAccounts;
        const xUserId = i === 0 ? o.benchXUserId : `${o.tag}-x${i}`;
        return {
          n: i,
          id: randomUUID(),
          user_id: bench ? benchUserId : `${o.tag}-${i - o.benchAccounts + 1}`,
          x_user_id: xUserId,
          username: i === 0 ? o.benchUsername : `${o.tag}_${i}`.slice(0, 15),
          name: `Bench account ${i}`,
          access_token_enc: sealToken(xUserId, 'access', `bench-access-${i}`),
          refresh_token_enc: sealToken(xUserId, 'refresh', `bench-refresh-${i}`),
          token_expires_at: new Date(o.now.getTime() + 30 * 86_400_000),
          scopes: 'tweet.read tweet.write users.read offline.access media.write',
        };
      });
      await c`create temporary table seed_accounts (n int primary key, id uuid not null, user_id text not null)`;
      for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
        const chunk = rows.slice(i, i + ROWS_PER_INSERT);
        await c`insert into x_accounts ${c(chunk.map(({ n: _n, ...row }) => row))}`;
        await c`insert into seed_accounts ${c(chunk.map((r) => ({ n: r.n, id: r.id, user_id: r.user_id })))}`;
      }
      // Auth.js finds the user by this link when the browser signs in as the sandbox user.
      await c`insert into auth_accounts (user_id, type, provider, provider_account_id) values (${benchUserId}, 'oauth', 'twitter', ${o.benchXUserId})`;
      return rows.slice(0, o.benchAccounts).map((r) => r.id);
    });

    const dropped = await step('drop non-constraint indexes of posts and post_parts', async () => {
      const defs = await c<{ name: string; def: string }[]>`
        select i.indexname as name, i.indexdef as def
        from pg_indexes i
        where i.schemaname = current_schema() and i.tablename in ('posts', 'post_parts')
          and not exists (select 1 from pg_constraint k where k.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)`;
      for (const d of defs) await c.unsafe(`drop index "${d.name}"`);
      return defs;
    });

    try {
      const fromMs = o.from.getTime();
      const spanMs = o.to.getTime() - fromMs;
      const windowStart = o.window.start.getTime();
      const windowMs = o.window.end.getTime() - windowStart;
      // Posts of the bench user: the first `untimed` have no time, the next `window.posts` fall in
      // the window, the rest anywhere else in [from, to) (the window's span cut out, then skipped).
      const benchUntimed = Math.round(o.benchPosts * UNTIMED_SHARE);
      const inWindowEnd = benchUntimed + o.window.posts;
      await step(`posts of the bench user (${o.benchPosts})`, () => c`
        insert into posts (user_id, x_account_id, status, scheduled_at, published_at, published_url, last_error, last_error_class, attempts, created_at, updated_at)
        select ${benchUserId}, a.id, s.status::post_status, s.at,
               case when s.status = 'published' then s.at end,
               case when s.status = 'published' then 'https://x.com/i/status/' || (1000000000 + s.g) end,
               case when s.status = 'failed' then 'X refused the post (bench seed)' end,
               case when s.status = 'failed' then 'permanent'::failure_class end,
               case when s.status in ('published', 'failed') then 1 else 0 end,
               coalesce(least(s.at, ${o.now}::timestamptz), ${o.now}::timestamptz) - interval '1 day',
               coalesce(least(s.at, ${o.now}::timestamptz), ${o.now}::timestamptz)
        from (
          select t.g, t.at,
                 case when t.at is null then 'draft'
                      when t.at < ${o.now}::timestamptz then (case when t.r < 0.06 then 'failed' when t.r < 0.09 then 'cancelled' when t.r < 0.12 then 'draft' else 'published' end)
                      else (case when t.r < 0.08 then 'draft' else 'scheduled' end) end as status
          from (
            select g, random() as r,
                   case when g <= ${benchUntimed}::int then null
                        when g <= ${inWindowEnd}::int then to_timestamp((${windowStart}::float8 + 3600000 + random() * (${windowMs}::float8 - 7200000)) / 1000)
                        else to_timestamp((${fromMs}::float8 + (case when x >= ${windowStart - fromMs}::float8 then x + ${windowMs}::float8 else x end)) / 1000) end as at
            from (select g, random() * (${spanMs}::float8 - ${windowMs}::float8) as x from generate_series(1, ${o.benchPosts}::int) g) raw
          ) t
        ) s
        join seed_accounts a on a.n = (s.g % ${o.benchAccounts}::int)`);

      const others = o.totalPosts - o.benchPosts;
      await step(`posts of the other users (${others})`, () => c`
        insert into posts (user_id, x_account_id, status, scheduled_at, published_at, published_url, last_error, last_error_class, attempts, created_at, updated_at)
        select a.user_id, a.id, s.status::post_status, s.at,
               case when s.status = 'published' then s.at end,
               case when s.status = 'published' then 'https://x.com/i/status/' || (2000000000 + s.g) end,
               case when s.status = 'failed' then 'X refused the post (bench seed)' end,
               case when s.status = 'failed' then 'permanent'::failure_class end,
               case when s.status in ('published', 'failed') then 1 else 0 end,
               coalesce(least(s.at, ${o.now}::timestamptz), ${o.now}::timestamptz) - interval '1 day',
               coalesce(least(s.at, ${o.now}::timestamptz), ${o.now}::timestamptz)
        from (
          select t.g, t.at,
                 case when t.at is null then 'draft'
                      when t.at < ${o.now}::timestamptz then (case when t.r < 0.06 then 'failed' when t.r < 0.09 then 'cancelled' when t.r < 0.12 then 'draft' else 'published' end)
                      else (case when t.r < 0.08 then 'draft' else 'scheduled' end) end as status
          from (
            select g, random() as r,
                   case when random() < ${UNTIMED_SHARE}::float8 then null else to_timestamp((${fromMs}::float8 + random() * ${spanMs}::float8) / 1000) end as at
            from generate_series(1, ${others}::int) g
          ) t
        ) s
        join seed_accounts a on a.n = ${o.benchAccounts}::int + (s.g % ${otherUsers}::int)`);

      await step('post parts', async () => {
        // The seed is a float in [0, 1); the toolkit's generator takes 32 bits.
        const random = seededRandom(Math.floor(o.seed * 2 ** 32));
        const list = sentences(SENTENCES, random);
        await c`create temporary table seed_sentences (n int primary key, s text not null)`;
        for (let i = 0; i < list.length; i += ROWS_PER_INSERT) {
          await c`insert into seed_sentences ${c(list.slice(i, i + ROWS_PER_INSERT).map((s, k) => ({ n: i + k, s })))}`;
        }
        // 60 % one part, 30 % two, 10 % three; two sentences each, picked by the post's number.
        await c`
          insert into post_parts (post_id, position, text)
          select p.id, k, a.s || ' ' || b.s || case when k = 0 and p.job_key % ${RARE_EVERY}::int = 7 then ${` ${RARE_WORD}`} else '' end || ' #' || p.job_key || '.' || k
          from posts p
          cross join lateral generate_series(0, case when p.job_key % 10 < 6 then 0 when p.job_key % 10 < 9 then 1 else 2 end) k
          join seed_sentences a on a.n = (p.job_key * 31 + k * 7) % ${SENTENCES}::int
          join seed_sentences b on b.n = (p.job_key * 17 + k * 13 + 5) % ${SENTENCES}::int`;
      });
    } finally {
      await step('rebuild the dropped indexes', async () => {
        for (const d of dropped) await c.unsafe(d.def);
      });
    }
    await step('ANALYZE', () => c`analyze users, x_accounts, posts, post_parts`);

    const [counts] = await c<{ users: number; accounts: number; posts: number; parts: number; bench: number; in_window: number; untimed: number }[]>`
      select (select count(*)::int from users where id like ${`${o.tag}-%`}) as users,
             (select count(*)::int from seed_accounts) as accounts,
             (select count(*)::int from posts) as posts,
             (select count(*)::int from post_parts) as parts,
             (select count(*)::int from posts where user_id = ${benchUserId}) as bench,
             (select count(*)::int from posts where user_id = ${benchUserId} and scheduled_at >= ${o.window.start} and scheduled_at < ${o.window.end}) as in_window,
             (select count(*)::int from posts where user_id = ${benchUserId} and scheduled_at is null) as untimed`;
    if (fkChecksSkipped) await c`set session_replication_role = origin`;
    await c`drop table if exists seed_sentences`;
    await c`drop table seed_accounts`;
    return {
      benchUserId,
      benchAccountIds,
      counts: {
        users: counts!.users,
        accounts: counts!.accounts,
        posts: counts!.posts,
        parts: counts!.parts,
        benchPosts: counts!.bench,
        benchInWindow: counts!.in_window,
        benchDraftsWithoutTime: counts!.untimed,
      },
      fkChecksSkipped,
      timings,
      totalMs: performance.now() - started,
    };
  } finally {
    c.release();
  }
}
