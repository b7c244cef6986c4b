/**
 * The calendar's and the Posts list's reads, timed through lib/posts listPosts (what
 * GET /api/v1/posts runs), and EXPLAINed from the very statement it sends (postsPageQuery).
 */
import { asc, inArray } from 'drizzle-orm';
import type postgres from 'postgres';
import { db } from '../../lib/db';
import { postParts } from '../../lib/db/schema';
import type { ListPostsInput } from '../../lib/posts/input';
import { config } from '../../lib/config';
import { costsOf, costsPartsQuery } from '../../lib/posts/costs';
import { listPosts, postsPageQuery } from '../../lib/posts/queries';
import { quantileSorted } from '../stats';
import { COMMON_WORD, NO_MATCH_WORD, RARE_WORD } from '../seed/words';

export interface Latency {
  n: number;
  p50: number;
  p95: number;
  max: number;
}

export function latency(values: readonly number[]): Latency {
  const sorted = [...values].sort((a, b) => a - b);
  return { n: sorted.length, p50: quantileSorted(sorted, 0.5), p95: quantileSorted(sorted, 0.95), max: sorted.at(-1) ?? Number.NaN };
}

export interface RangeResult {
  /** Each page of 200, as the browser asks for them (components/api/client.ts listAll). */
  page: Latency;
  /** Every page of one range, one after the other. */
  whole: Latency;
  ranges: number;
  posts: { min: number; mean: number; max: number };
  pagesPerRange: { min: number; max: number };
}

export interface SearchCase {
  name: string;
  filter: ListPostsInput;
  latency: Latency;
  /** Posts on the first page (≤ 50) of the last sample. */
  found: number;
}

export interface ExplainedQuery {
  name: string;
  /** Any of these (a query the planner may serve from more than one good index). */
  expectIndex: string[];
  plan: string;
  usesIndex: boolean;
  /** A sequential scan of posts or post_parts in the plan. */
  seqScan: boolean;
}

const PAGE = 200;
const SEARCH_PAGE = 50;

/** Pages of 200 until nextCursor is null: the calendar's fetch of one range. */
async function fetchRange(userId: string, from: Date, to: Date, pages: number[]): Promise<{ ms: number; posts: number; pages: number }> {
  const started = performance.now();
  let cursor: string | undefined;
  let count = 0;
  let n = 0;
  for (;;) {
    const t = performance.now();
    const page = await listPosts(userId, { from, to, limit: PAGE, ...(cursor ? { cursor } : {}) });
    pages.push(performance.now() - t);
    count += page.posts.length;
    n++;
    if (page.nextCursor === null) break;
    cursor = page.nextCursor;
  }
  return { ms: performance.now() - started, posts: count, pages: n };
}

/** Times `ranges` range fetches (after `warmup` untimed ones), each range drawn by `pick`. */
export async function measureRanges(userId: string, ranges: number, warmup: number, pick: () => { from: Date; to: Date }): Promise<RangeResult> {
  for (let i = 0; i < warmup; i++) {
    const r = pick();
    await fetchRange(userId, r.from, r.to, []);
  }
  const pages: number[] = [];
  const wholes: number[] = [];
  const counts: number[] = [];
  const pageCounts: number[] = [];
  for (let i = 0; i < ranges; i++) {
    const r = pick();
    const got = await fetchRange(userId, r.from, r.to, pages);
    wholes.push(got.ms);
    counts.push(got.posts);
    pageCounts.push(got.pages);
  }
  return {
    page: latency(pages),
    whole: latency(wholes),
    ranges,
    posts: { min: Math.min(...counts), mean: counts.reduce((s, v) => s + v, 0) / counts.length, max: Math.max(...counts) },
    pagesPerRange: { min: Math.min(...pageCounts), max: Math.max(...pageCounts) },
  };
}

/** The calendar's cost panel (GET /api/v1/costs, lib/posts/costs costsOf) for `samples` ranges drawn by `pick`. */
export async function measureCosts(userId: string, samples: number, warmup: number, pick: () => { from: Date; to: Date }): Promise<Latency> {
  const range = () => {
    const r = pick();
    // [from, to): the calendar asks for the grid's days up to the next midnight.
    return { from: r.from, to: new Date(r.to.getTime() + 1) };
  };
  for (let i = 0; i < warmup; i++) await costsOf(userId, range(), config().xPrices);
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const r = range();
    const t = performance.now();
    await costsOf(userId, r, config().xPrices);
    times.push(performance.now() - t);
  }
  return latency(times);
}

/** The Posts list's search cases: words of every frequency, alone and with filters. */
export function searchCases(accountIds: string[]): { name: string; filter: ListPostsInput }[] {
  const second = accountIds[1] ?? accountIds[0]!;
  return [
    { name: `common word ("${COMMON_WORD}")`, filter: { q: COMMON_WORD } },
    { name: `common word, latest first`, filter: { q: COMMON_WORD, order: 'desc' } },
    { name: `rare word ("${RARE_WORD}")`, filter: { q: RARE_WORD } },
    { name: `no match ("${NO_MATCH_WORD}")`, filter: { q: NO_MATCH_WORD } },
    { name: 'common word + status scheduled', filter: { q: COMMON_WORD, status: ['scheduled'] } },
    { name: 'common word + status failed + one account', filter: { q: COMMON_WORD, status: ['failed'], account: [second] } },
    { name: 'rare word + one account', filter: { q: RARE_WORD, account: [second] } },
    { name: 'no match + status published, failed + one account', filter: { q: NO_MATCH_WORD, status: ['published', 'failed'], account: [second] } },
  ];
}

export async function measureSearch(userId: string, accountIds: string[], samples: number, warmup: number): Promise<SearchCase[]> {
  const out: SearchCase[] = [];
  for (const c of searchCases(accountIds)) {
    const filter = { ...c.filter, limit: SEARCH_PAGE };
    for (let i = 0; i < warmup; i++) await listPosts(userId, filter);
    const times: number[] = [];
    let found = 0;
    for (let i = 0; i < samples; i++) {
      const t = performance.now();
      const page = await listPosts(userId, filter);
      times.push(performance.now() - t);
      found = page.posts.length;
    }
    out.push({ name: c.name, filter, latency: latency(times), found });
  }
  return out;
}

/** A sequential scan of a table that grows with the users (x_accounts too: 10,000 rows here, read whole for 3). */
export const SEQ_SCAN = /Seq Scan on (posts|post_parts|x_accounts|users)\b/;

/** Whether a plan reads what it should: the expected index, and no big table whole. */
export const planIsIndexed = (e: ExplainedQuery): boolean => e.usesIndex && !SEQ_SCAN.test(e.plan);

/** A list of 200 ids in a plan says nothing more than its length. */
const shortenIdLists = (plan: string) => plan.replace(/'\{(?:[0-9a-f-]{36},)+[0-9a-f-]{36}\}'/g, (list) => `'{…${list.split(',').length} ids…}'`);

async function explain(sql: postgres.Sql, name: string, expect: string | string[], query: { sql: string; params: unknown[] }): Promise<ExplainedQuery> {
  const expectIndex = Array.isArray(expect) ? expect : [expect];
  const rows = await sql.unsafe<{ 'QUERY PLAN': string }[]>(`explain (analyze, buffers, format text) ${query.sql}`, query.params as postgres.ParameterOrJSON<never>[]);
  const plan = shortenIdLists(rows.map((r) => r['QUERY PLAN']).join('\n'));
  const usesIndex = expectIndex.some((index) => new RegExp(`(Index Scan|Index Only Scan|Bitmap Index Scan)( Backward)? (using|on) ${index}\\b`).test(plan));
  return { name, expectIndex, plan, usesIndex, seqScan: SEQ_SCAN.test(plan) };
}

/** EXPLAIN ANALYZE of each hot statement, with the parameters of a typical call. */
export async function explainHotQueries(sql: postgres.Sql, userId: string, accountIds: string[], month: { from: Date; to: Date }): Promise<ExplainedQuery[]> {
  const page = await listPosts(userId, { from: month.from, to: month.to, limit: PAGE });
  const ids = page.posts.map((p) => p.id);
  const q = (filter: ListPostsInput) => postsPageQuery(userId, filter).toSQL();
  const second = accountIds[1] ?? accountIds[0]!;
  return [
    await explain(sql, 'calendar month, first page of 200', 'posts_user_time_idx', q({ from: month.from, to: month.to, limit: PAGE })),
    await explain(sql, 'calendar month, a later page (cursor)', 'posts_user_time_idx', q({ from: month.from, to: month.to, limit: PAGE, ...(page.nextCursor ? { cursor: page.nextCursor } : {}) })),
    await explain(sql, "the page's parts (lib/posts/queries views())", 'post_parts_post_position_key', db().select().from(postParts).where(inArray(postParts.postId, ids)).orderBy(asc(postParts.position)).toSQL()),
    await explain(sql, 'cost panel: billed posts of the month and their parts (lib/posts/costs)', ['posts_user_scheduled_idx', 'posts_user_time_idx'], costsPartsQuery(userId, { from: month.from, to: new Date(month.to.getTime() + 1) }).toSQL()),
    await explain(sql, 'drafts panel: status draft, first page of 200', 'posts_user_time_idx', q({ status: ['draft'], limit: PAGE })),
    await explain(sql, `search, common word, first page of 50`, 'posts_user_time_idx', q({ q: COMMON_WORD, limit: SEARCH_PAGE })),
    await explain(sql, 'search, common word + status failed + one account', ['posts_user_time_idx', 'posts_failed_user_idx', 'posts_failed_account_idx'], q({ q: COMMON_WORD, status: ['failed'], account: [second], limit: SEARCH_PAGE })),
    await explain(sql, `search, rare word, first page of 50`, 'post_parts_text_trgm_idx', q({ q: RARE_WORD, limit: SEARCH_PAGE })),
    await explain(sql, `search, no match, first page of 50`, 'post_parts_text_trgm_idx', q({ q: NO_MATCH_WORD, limit: SEARCH_PAGE })),
    await explain(sql, 'search, no match + status + account', 'post_parts_text_trgm_idx', q({ q: NO_MATCH_WORD, status: ['published', 'failed'], account: [second], limit: SEARCH_PAGE })),
  ];
}
