/**
 * Issue 11's speed targets on a big database: a million posts over 10,000 accounts, 10,000 of
 * them the bench user's (bench/seed/million.ts). The calendar's range fetch and the Posts list's
 * search through lib/posts listPosts, EXPLAIN of each hot statement, and the calendar page in
 * Chromium (calendar-browser.ts) on a month holding exactly `windowPosts` posts.
 */
import { log } from '../env/log';
import { seedMillion, type MillionSeed } from '../seed/million';
import { measureBrowser, startWebApp, type BrowserResult } from './calendar-browser';
import { explainHotQueries, measureCosts, measureRanges, measureSearch, type ExplainedQuery, type Latency, type RangeResult, type SearchCase } from './calendar-queries';
import type { BenchContext } from './context';

export interface CalendarOptions {
  totalPosts: number;
  accounts: number;
  benchPosts: number;
  windowPosts: number;
  rangeSamples: number;
  searchSamples: number;
  browserRuns: number;
}

export interface CalendarResult {
  options: CalendarOptions;
  seed: MillionSeed;
  month: RangeResult;
  week: RangeResult;
  /** The cost panel's read of a month (GET /api/v1/costs), fetched beside the posts at every switch. */
  costs: Latency;
  search: SearchCase[];
  explained: ExplainedQuery[];
  browser?: BrowserResult;
  browserError?: string;
}

const DAY = 86_400_000;
const BENCH_X_USER_ID = '1900000000000000001';
const BENCH_USERNAME = 'bench_calendar';

/** The days a month view shows (weeks from Sunday, as components/calendar/range.ts), in UTC: [start, end). */
export function monthGrid(year: number, month: number): { start: Date; end: Date } {
  const first = new Date(Date.UTC(year, month, 1));
  const last = new Date(Date.UTC(year, month + 1, 0));
  return { start: new Date(first.getTime() - first.getUTCDay() * DAY), end: new Date(last.getTime() + (7 - last.getUTCDay()) * DAY) };
}

/** The calendar's `to` is the grid's last millisecond (endOfWeek), inclusive. */
const asFilter = (g: { start: Date; end: Date }) => ({ from: g.start, to: new Date(g.end.getTime() - 1) });

export async function runCalendar(ctx: BenchContext, opts: CalendarOptions): Promise<CalendarResult> {
  const now = new Date();
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  const current = monthGrid(y, m);
  const from = new Date(Date.UTC(y, m - 6, 1));
  const to = new Date(Date.UTC(y, m + 7, 1));

  log(`calendar: seeding ${opts.totalPosts} posts over ${opts.accounts} accounts (${opts.benchPosts} the bench user's)`);
  const seed = await seedMillion(ctx.database.sql, {
    totalPosts: opts.totalPosts,
    accounts: opts.accounts,
    benchPosts: opts.benchPosts,
    benchAccounts: 3,
    from,
    to,
    now,
    window: { ...current, posts: opts.windowPosts },
    benchXUserId: BENCH_X_USER_ID,
    benchUsername: BENCH_USERNAME,
    tag: `hbm${ctx.runId.slice(-6)}`,
    seed: ctx.random(),
  });
  log(`calendar: seeded in ${(seed.totalMs / 1000).toFixed(1)} s: ${seed.timings.map((t) => `${t.step} ${(t.ms / 1000).toFixed(1)} s`).join('; ')}`);
  const user = seed.benchUserId;

  // Any of the 13 months of data, chosen at random (seeded).
  const randomMonth = () => {
    const k = Math.floor(ctx.random() * 13) - 6;
    return asFilter(monthGrid(y, m + k));
  };
  const randomWeek = () => {
    const days = Math.floor((to.getTime() - from.getTime()) / DAY) - 7;
    const day = new Date(from.getTime() + Math.floor(ctx.random() * days) * DAY);
    const start = new Date(day.getTime() - day.getUTCDay() * DAY);
    return asFilter({ start, end: new Date(start.getTime() + 7 * DAY) });
  };
  const warmup = Math.max(5, Math.round(opts.rangeSamples / 10));
  log(`calendar: ${opts.rangeSamples} month ranges`);
  const month = await measureRanges(user, opts.rangeSamples, warmup, randomMonth);
  log(`calendar: month page p95 ${month.page.p95.toFixed(1)} ms, whole month p95 ${month.whole.p95.toFixed(1)} ms`);
  const week = await measureRanges(user, opts.rangeSamples, warmup, randomWeek);
  log(`calendar: week page p95 ${week.page.p95.toFixed(1)} ms`);
  const costs = await measureCosts(user, opts.rangeSamples, warmup, randomMonth);
  log(`calendar: cost panel p95 ${costs.p95.toFixed(1)} ms`);
  const search = await measureSearch(user, seed.benchAccountIds, opts.searchSamples, Math.max(3, Math.round(opts.searchSamples / 10)));
  for (const s of search) log(`calendar: search ${s.name}: p95 ${s.latency.p95.toFixed(1)} ms (${s.found} found)`);
  const explained = await explainHotQueries(ctx.database.sql, user, seed.benchAccountIds, asFilter(current));
  for (const e of explained) log(`calendar: EXPLAIN ${e.name}: ${e.usesIndex ? 'uses' : 'does NOT use'} ${e.expectIndex.join(' or ')}${e.seqScan ? ', with a Seq Scan' : ''}`);

  const result: CalendarResult = { options: opts, seed, month, week, costs, search, explained };
  try {
    const app = await startWebApp(ctx.env, { id: BENCH_X_USER_ID, username: BENCH_USERNAME });
    const next = asFilter(monthGrid(y, m + 1));
    const [counted] = await ctx.database.sql<{ n: number }[]>`
      select count(*)::int as n from posts where user_id = ${user} and scheduled_at >= ${next.from} and scheduled_at <= ${next.to}`;
    const expected = { current: seed.counts.benchInWindow, next: counted?.n ?? 0 };
    log(`calendar: Chromium on ${app.baseUrl}, ${expected.current} posts this month, ${expected.next} next month`);
    result.browser = await measureBrowser(app, BENCH_USERNAME, expected, opts.browserRuns, asFilter(current));
    log(`calendar: interactive p95 ${result.browser.interactive.p95.toFixed(0)} ms, Next p95 ${result.browser.next.p95.toFixed(0)} ms`);
  } catch (error) {
    result.browserError = error instanceof Error ? error.message : String(error);
    log(`calendar: the browser measure failed: ${result.browserError}`);
  }
  return result;
}
