/**
 * `npm run bench`: Herald's benchmarks, end to end, on this machine.
 *
 * Starts an isolated world (its own Postgres database, its own redis-server with hz 100, the X
 * sandbox as a child process with 20 ms of added latency, 1,000 connected sandbox accounts), then
 * runs the scenarios one after another, each on an emptied Redis and posts table:
 *   trickle   300 posts spread over 60 s, 2 Herald workers
 *   baseline  the same load, published by a once-a-minute poller (bench/baseline-cron.ts)
 *   footprint 100,000 scheduled posts: Redis and Postgres bytes per post, worker RSS
 *   burst     10,000 posts due at one instant across 1,000 accounts, 2 Herald workers
 *   queue     1,000 adds to the posting queue at once over 10 accounts: distinct slots, latency of one add
 *   calendar  1,000,000 posts seeded with SQL (10,000 the bench user's): the calendar's range and the
 *             Posts list's search through listPosts, EXPLAIN of each, the calendar page in Chromium
 *             (needs `npm run build` first)
 * and prints a table, written with the details to bench/RESULTS.md.
 *
 * Flags: --profile adds a second burst with `--cpu-prof` on one worker and summarises it;
 * --quick runs small versions of everything (a smoke test, written to bench/RESULTS.quick.md);
 * --only=trickle,baseline,footprint,burst,queue,calendar runs some scenarios (written to bench/RESULTS.partial.md). Environment: BENCH_WORKER_CONCURRENCY (50), BENCH_DB_POOL_MAX (10),
 * BENCH_DATABASE_URL (an admin URL of the Postgres server; default postgres://postgres@127.0.0.1:5432/postgres).
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROFILE_DIR, ROOT } from './env/paths';
import { buildBundles } from './env/bundles';
import { createDatabase } from './env/postgres';
import { heraldEnv } from './env/workers';
import { log, preciseNow } from './env/log';
import { onTeardown, teardown } from './env/teardown';
import { startRedis } from './env/redis';
import { startSandboxChild, type SandboxProcess } from './env/sandbox';
import { seedFromEnv, seededRandom } from '../scripts/toolkit';
import { config } from '../lib/config';
import { closeDb } from '../lib/db';
import { closeQueue } from '../lib/queue';
import { setupAccounts, truncatePosts } from './load';
import { summarizeProfile } from './profile';
import { renderReport } from './report/markdown';
import type { BenchReport, ClockProbe, MachineInfo } from './report/types';
import { runBaseline } from './scenarios/baseline';
import { runBurst } from './scenarios/burst';
import { runCalendar } from './scenarios/calendar';
import type { BenchContext } from './scenarios/context';
import { runFootprint } from './scenarios/footprint';
import { runQueue } from './scenarios/queue';
import { runTrickle } from './scenarios/trickle';

const args = new Set(process.argv.slice(2));
const quick = args.has('--quick');
const profile = args.has('--profile');
const onlyArg = process.argv.slice(2).find((a) => a.startsWith('--only='));
const only = onlyArg ? new Set(onlyArg.slice('--only='.length).split(',')) : undefined;
const wanted = (name: string) => !only || only.has(name);
const sizes = quick
  ? { accounts: 100, trickle: 50, spreadMs: 10_000, burst: 1_000, footprint: 5_000, quietMs: 10_000, queueAccounts: 10, queueAddsPerAccount: 10 }
  : { accounts: 1_000, trickle: 300, spreadMs: 60_000, burst: 10_000, footprint: 100_000, quietMs: 30_000, queueAccounts: 10, queueAddsPerAccount: 100 };
const calendarSizes = quick
  ? { totalPosts: 50_000, accounts: 500, benchPosts: 10_000, windowPosts: 500, rangeSamples: 30, searchSamples: 20, browserRuns: 3 }
  : { totalPosts: 1_000_000, accounts: 10_000, benchPosts: 10_000, windowPosts: 500, rangeSamples: 200, searchSamples: 100, browserRuns: 10 };
const LATENCY_MS = 20;
const WORKERS = 2;
const WORKER_CONCURRENCY = Number(process.env.BENCH_WORKER_CONCURRENCY ?? 50);
const WORKER_POOL_MAX = Number(process.env.BENCH_DB_POOL_MAX ?? 10);
const CREATE_CONCURRENCY = 32;
const BENCH_POOL_MAX = 16;
const BASELINE_CONCURRENCY = 50;

function git(argv: string[]): string {
  try {
    return execFileSync('git', argv, { cwd: ROOT, encoding: 'utf8' }).trim();
  } catch {
    return '?';
  }
}

function machineInfo(pgVersion: string, redisVersion: string, redisHz: string): MachineInfo {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? '?',
    cores: cpus.length,
    memoryBytes: os.totalmem(),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    postgres: pgVersion,
    redis: `${redisVersion} (bench's own redis-server, hz ${redisHz}, no persistence)`,
    loadAverageAtStart: os.loadavg().map((l) => l.toFixed(2)).join(' '),
  };
}

/** Arrival times the sandbox records vs the bench's clock: both sides stamp with performance.timeOrigin + now(). */
async function clockProbe(sandbox: SandboxProcess): Promise<ClockProbe> {
  const sent: { t0: number; t1: number }[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = preciseNow();
    const res = await fetch(`${sandbox.url}/2/users/me?probe=${i}`);
    await res.text();
    sent.push({ t0, t1: preciseNow() });
  }
  const recorded = await sandbox.control<{ time: number; query: Record<string, string> }[]>('GET', '/requests?path=%2F2%2Fusers%2Fme');
  let minAfterSend = Number.POSITIVE_INFINITY;
  let minBeforeReply = Number.POSITIVE_INFINITY;
  for (const r of recorded) {
    const s = sent[Number(r.query.probe)];
    if (!s) continue;
    minAfterSend = Math.min(minAfterSend, r.time - s.t0);
    minBeforeReply = Math.min(minBeforeReply, s.t1 - r.time);
  }
  return { arrivalAfterSendMs: minAfterSend, replyAfterArrivalMs: minBeforeReply };
}

async function main(): Promise<number> {
  const startedAt = new Date();
  const runId = `${startedAt.toISOString().slice(0, 10).replaceAll('-', '')}_${randomBytes(3).toString('hex')}`;
  const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
  log(`run ${runId}: ${command}`);
  const seed = seedFromEnv('BENCH_SEED', log);

  if (profile) rmSync(PROFILE_DIR, { recursive: true, force: true });
  log('bundling the worker, the X sandbox and the baseline poller from the working tree');
  // BENCH_WORKER_FROM: bundle the worker from another tree (e.g. `git archive <commit>` unpacked) to compare.
  const workerFrom = process.env.BENCH_WORKER_FROM ? path.resolve(process.env.BENCH_WORKER_FROM) : ROOT;
  const bundles = await buildBundles(workerFrom);
  const redis = await startRedis();
  log(`redis-server ${redis.version} on ${redis.url} (hz ${redis.hz})`);
  const database = await createDatabase(runId);
  log(`database ${database.name} migrated (Postgres ${database.version})`);
  const sandbox = await startSandboxChild(bundles.sandbox);
  log(`X sandbox child on ${sandbox.url}`);
  await sandbox.control('POST', '/latency', { ms: LATENCY_MS });
  const unlimited = { limit: 100_000_000, windowSeconds: 900 };
  await sandbox.control('POST', '/rate-limits', { windows: { 'POST /2/tweets': unlimited, 'GET /2/users/me': unlimited }, tweetsPer24h: null });

  const env = heraldEnv({ databaseUrl: database.url, redisUrl: redis.url, sandboxUrl: sandbox.url, concurrency: WORKER_CONCURRENCY, poolMax: WORKER_POOL_MAX });
  // This process uses lib/ too (createPost, connectAccount): same configuration, its own pool size.
  Object.assign(process.env, env, { DB_POOL_MAX: String(BENCH_POOL_MAX), NODE_ENV: 'production' });
  onTeardown('bench queue and db pool', async () => {
    await closeQueue();
    await closeDb();
  });

  const probe = await clockProbe(sandbox);
  log(`clock probe: arrival ${probe.arrivalAfterSendMs.toFixed(2)} ms after send, reply ${probe.replyAfterArrivalMs.toFixed(2)} ms after arrival`);

  const t = performance.now();
  // --only=queue needs only the queue's own few accounts; the calendar seeds its own with SQL.
  const needed = only ? [...only].filter((n) => n !== 'calendar') : undefined;
  const accountCount = !needed ? sizes.accounts : needed.length === 0 ? 0 : needed.every((n) => n === 'queue') ? sizes.queueAccounts : sizes.accounts;
  const accounts = await setupAccounts(sandbox, randomBytes(2).toString('hex'), accountCount, 16);
  log(`${accounts.length} sandbox accounts connected in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  const ctx: BenchContext = {
    runId,
    bundles,
    redis,
    database,
    sandbox,
    env,
    accounts,
    workerCount: WORKERS,
    workerConcurrency: WORKER_CONCURRENCY,
    workerPoolMax: WORKER_POOL_MAX,
    createConcurrency: CREATE_CONCURRENCY,
    createRate: 500,
    random: seededRandom(seed),
    reset: async () => {
      await redis.client.flushall();
      await truncatePosts();
    },
  };

  const report: BenchReport = {
    command,
    startedAt: startedAt.toISOString(),
    runId,
    quick,
    machine: machineInfo(database.version, redis.version, redis.hz),
    git: {
      commit: git(['rev-parse', '--short', 'HEAD']),
      dirty: git(['status', '--short', '--', 'lib', 'worker', 'drizzle', 'x-sandbox']),
      workerFrom: workerFrom === ROOT ? undefined : workerFrom,
    },
    settings: {
      latencyMs: LATENCY_MS,
      workers: WORKERS,
      workerConcurrency: WORKER_CONCURRENCY,
      workerPoolMax: WORKER_POOL_MAX,
      // Not set by the bench: the workers run with Herald's default, which this process reads too.
      publishLeadMs: config().publishLeadMs,
      createConcurrency: CREATE_CONCURRENCY,
      baselineConcurrency: BASELINE_CONCURRENCY,
      accounts: accounts.length,
    },
    clock: probe,
    seed,
    errors: [],
    skipped: ['trickle', 'baseline', 'footprint', 'burst', 'queue', 'calendar'].filter((n) => !wanted(n)),
  };

  const attempt = async <T>(name: string, fn: () => Promise<T>): Promise<T | undefined> => {
    log(`── ${name}`);
    try {
      return await fn();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log(`${name} FAILED: ${message}`);
      report.errors.push(`${name}: ${message}`);
      return undefined;
    }
  };

  const trickleOpts = { count: sizes.trickle, spreadMs: sizes.spreadMs, leadMs: 5_000 };
  if (wanted('trickle')) report.trickle = await attempt('trickle', () => runTrickle(ctx, trickleOpts));
  if (wanted('baseline')) report.baseline = await attempt('baseline (once-a-minute poller)', () => runBaseline(ctx, trickleOpts, BASELINE_CONCURRENCY));
  // Footprint before the burst: its 100,000 creations warm this process up, and their rate tells
  // how far ahead the burst must be due to be created well before its instant.
  if (wanted('footprint')) report.footprint = await attempt('footprint', () => runFootprint(ctx, { count: sizes.footprint }));
  if (wanted('burst')) report.burst = await attempt('burst', () => runBurst(ctx, { count: sizes.burst, quietMs: sizes.quietMs, cpuProfile: false }));
  if (profile && wanted('burst')) {
    const profiled = await attempt('burst (profiled)', () => runBurst(ctx, { count: sizes.burst, quietMs: sizes.quietMs, cpuProfile: true }));
    report.profiledBurst = profiled;
    if (profiled?.profile) {
      const windowed = summarizeProfile(profiled.profile, bundles.worker, profiled.profileWindow);
      report.profile = windowed.windowed ? windowed : summarizeProfile(profiled.profile, bundles.worker);
    }
  }
  // Last: its schedules and posts touch only its own ten accounts, and nothing after it runs on them.
  if (wanted('queue')) {
    report.queue = await attempt('queue', () => runQueue(ctx, { accounts: sizes.queueAccounts, addsPerAccount: sizes.queueAddsPerAccount }));
  }
  // Very last: it fills the posts table with a million rows that no other scenario wants.
  if (wanted('calendar')) {
    await ctx.reset();
    report.calendar = await attempt('calendar', () => runCalendar(ctx, calendarSizes));
  }
  report.finishedAt = new Date().toISOString();

  const { table, markdown } = renderReport(report);
  console.log(`\n${table}\n`);
  const out = path.join(ROOT, 'bench', quick ? 'RESULTS.quick.md' : only ? 'RESULTS.partial.md' : 'RESULTS.md');
  writeFileSync(out, markdown);
  log(`wrote ${path.relative(ROOT, out)}`);
  // The raw measurements (every post's arrival, the profile path...), for a closer look.
  const rawDir = path.join(ROOT, 'bench', '.results');
  mkdirSync(rawDir, { recursive: true });
  writeFileSync(path.join(rawDir, `${runId}.json`), JSON.stringify(report, null, 1));
  log(`raw measurements in bench/.results/${runId}.json`);
  return report.errors.length ? 1 : 0;
}

let exiting = false;
async function finish(code: number): Promise<never> {
  if (!exiting) {
    exiting = true;
    log('tearing down');
    await teardown();
  }
  process.exit(code);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    log(`${signal}: stopping`);
    void finish(130);
  });
}

// Hard bound on the whole run, whatever happens (the calendar's million-post seed adds minutes).
const RUN_BOUND_MINUTES = wanted('calendar') ? 35 : 20;
setTimeout(() => {
  log(`the run exceeded ${RUN_BOUND_MINUTES} minutes; stopping`);
  void finish(1);
}, RUN_BOUND_MINUTES * 60_000).unref();

main()
  .then((code) => finish(code))
  .catch((error: unknown) => {
    console.error(error);
    return finish(1);
  });
