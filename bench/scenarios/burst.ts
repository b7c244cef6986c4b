/**
 * Burst: many posts across many accounts all due at one instant T, created well before T.
 * Measures the drain (from T to the last post the sandbox received), lateness, lost and
 * duplicated posts, and where the machine's CPU went meanwhile.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { untilTime } from '../../scripts/toolkit';
import { cpuBetween, cpuGroups, cpuSnapshot, postgresPids, postgresRoles, processMemory, type CpuWindow } from '../env/cpu';
import { ioPressureSomeUs } from '../env/machine-monitor';
import { latestProfile, startWorkers, type ChildHandle } from '../env/workers';
import { log, monotonicUs } from '../env/log';
import { collectOutcome, createPosts, postStatusCounts, postText, publishPhases, type CreationStats, type Outcome, type Phases, type PostSpec } from '../load';
import type { BenchContext } from './context';
import { nextReconcileTick } from './context';
import { reconcileTicks } from './trickle';

export interface BurstOptions {
  count: number;
  /** Wanted quiet time between the end of creation and T. */
  quietMs: number;
  cpuProfile: boolean;
}

export interface RedisCommandStat {
  command: string;
  calls: number;
  usec: number;
}

export interface PgCounters {
  xact_commit: number;
  xact_rollback: number;
  tup_returned: number;
  tup_fetched: number;
  tup_inserted: number;
  tup_updated: number;
  tup_deleted: number;
}

export interface BurstResult {
  options: BurstOptions;
  creation: CreationStats;
  dueAt: number;
  /** Time between the end of creation and T. */
  quietMs: number;
  outcome: Outcome;
  settled: boolean;
  /** From T to the last create call the sandbox accepted. */
  drainMs: number;
  /** Posts accepted by the sandbox per second of drain. */
  drainRate: number;
  /** Until Postgres showed every post ended (published or failed). */
  settledAfterMs: number;
  cpu: CpuWindow;
  /** Share of the window during which some task on the machine was stalled on I/O (Linux PSI). */
  ioStallShare: number;
  redisCommands: RedisCommandStat[];
  pg: PgCounters;
  statusPolls: number;
  reconcileTicksInDrain: number[];
  workerPeakRssBytes: number[];
  workerLogLines: string[];
  profile: string | undefined;
  /** The drain window in CLOCK_MONOTONIC µs, to cut the CPU profile to it. */
  profileWindow: { fromUs: number; toUs: number };
  phases: Phases | undefined;
}

async function pgCounters(ctx: BenchContext): Promise<PgCounters> {
  const [row] = await ctx.database.sql<PgCounters[]>`
    select xact_commit::float8 as xact_commit, xact_rollback::float8 as xact_rollback, tup_returned::float8 as tup_returned,
           tup_fetched::float8 as tup_fetched, tup_inserted::float8 as tup_inserted, tup_updated::float8 as tup_updated,
           tup_deleted::float8 as tup_deleted
    from pg_stat_database where datname = current_database()`;
  if (!row) throw new Error('no pg_stat_database row');
  return row;
}

async function redisCommandStats(ctx: BenchContext): Promise<RedisCommandStat[]> {
  const info = await ctx.redis.client.info('commandstats');
  const stats: RedisCommandStat[] = [];
  for (const m of info.matchAll(/^cmdstat_([^:]+):calls=(\d+),usec=(\d+)/gm)) {
    stats.push({ command: m[1]!, calls: Number(m[2]), usec: Number(m[3]) });
  }
  return stats.sort((a, b) => b.usec - a.usec);
}

export async function runBurst(ctx: BenchContext, opts: BurstOptions): Promise<BurstResult> {
  await ctx.reset();
  const prefix = `hb-burst${opts.cpuProfile ? 'p' : ''}-${ctx.runId}`;
  let workers: ChildHandle[] = [];
  try {
    workers = await startWorkers(ctx.bundles.worker, ctx.env, ctx.redis.client, ctx.workerCount, { cpuProfile: opts.cpuProfile });
    const estimateMs = (opts.count / ctx.createRate) * 1000;
    const dueAt = Date.now() + Math.round(estimateMs * 1.25) + opts.quietMs;
    const specs: PostSpec[] = Array.from({ length: opts.count }, (_, i) => ({
      account: ctx.accounts[i % ctx.accounts.length]!,
      text: postText(prefix, i),
      at: new Date(dueAt),
    }));
    log(`burst: creating ${opts.count} posts due at ${new Date(dueAt).toISOString()} (creation estimated at ${(estimateMs / 1000).toFixed(1)} s)`);
    const { created, stats } = await createPosts(specs, ctx.createConcurrency);
    ctx.createRate = stats.perSecond;
    const quietMs = dueAt - Date.now();
    log(`burst: created in ${(stats.elapsedMs / 1000).toFixed(1)} s (${stats.perSecond.toFixed(0)}/s); T in ${(quietMs / 1000).toFixed(1)} s`);
    if (quietMs < 5_000) throw new Error(`burst creation finished only ${quietMs} ms before the due instant`);

    const tickBefore = await nextReconcileTick(ctx);
    await untilTime(dueAt - 2_000);
    const children = [
      ...workers.map((w) => ({ label: w.label, pid: w.pid })),
      { label: 'x-sandbox', pid: ctx.sandbox.pid },
      { label: 'redis-server', pid: ctx.redis.pid },
    ];
    const tracked = () => [...children.map((c) => c.pid), process.pid, ...postgresPids()];
    await ctx.redis.client.config('RESETSTAT');
    const pgBefore = await pgCounters(ctx);
    const cpuBefore = cpuSnapshot(tracked());
    const ioBefore = ioPressureSomeUs();
    const monoFrom = monotonicUs();

    let polls = 0;
    let settled = false;
    const deadline = dueAt + 180_000;
    for (;;) {
      const counts = await postStatusCounts();
      polls++;
      if ((counts.published ?? 0) + (counts.failed ?? 0) >= created.length) {
        settled = true;
        break;
      }
      if (Date.now() >= deadline) break;
      await delay(500);
    }
    const settledAfterMs = Date.now() - dueAt;
    const cpuAfter = cpuSnapshot(tracked());
    const ioStallShare = (ioPressureSomeUs() - ioBefore) / 1000 / (cpuAfter.at - cpuBefore.at);
    const monoTo = monotonicUs();
    const roles = await postgresRoles(ctx.database.sql);
    const redisCommands = await redisCommandStats(ctx);
    const workerPeakRssBytes = workers.map((w) => processMemory(w.pid).peakRssBytes);
    // A quiet moment, so that late duplicates, if any, are seen.
    await delay(1_500);
    const outcome = await collectOutcome(ctx.sandbox, created, prefix);
    const phases = await publishPhases(ctx.database.sql, created, outcome.arrivalById);
    const ticks = reconcileTicks(tickBefore, dueAt, dueAt + settledAfterMs);

    // Stopping the workers closes their Postgres connections, which flushes their statistics.
    await Promise.all(workers.map((w) => w.stop()));
    // Postgres publishes a closed backend's counters a moment after it exits.
    await delay(1_000);
    const pgAfter = await pgCounters(ctx);
    const pg = Object.fromEntries(Object.entries(pgAfter).map(([k, v]) => [k, v - pgBefore[k as keyof PgCounters]])) as unknown as PgCounters;

    const drainMs = outcome.lastArrival - dueAt;
    const accepted = outcome.lateness.n;
    return {
      options: opts,
      creation: stats,
      dueAt,
      quietMs,
      outcome,
      settled,
      drainMs,
      drainRate: (accepted / drainMs) * 1000,
      settledAfterMs,
      cpu: cpuBetween(cpuBefore, cpuAfter, cpuGroups(children, roles)),
      ioStallShare,
      redisCommands,
      pg,
      statusPolls: polls,
      reconcileTicksInDrain: ticks.map((t) => t - dueAt),
      workerPeakRssBytes,
      workerLogLines: workers.flatMap((w) => w.output.lines),
      profile: opts.cpuProfile && workers[0] ? latestProfile(workers[0].pid) : undefined,
      profileWindow: { fromUs: monoFrom, toUs: monoTo },
      phases,
    };
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
  }
}
