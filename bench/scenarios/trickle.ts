/**
 * Trickle: posts spread evenly over a window (one per slot of spread/count, at a random point in
 * the slot), each on its own account, published by Herald's workers. Lateness is the sandbox's
 * arrival time of the create call minus the post's scheduled_at.
 *
 * At the same time, as a control, as many bare BullMQ delayed jobs (independent random points in
 * the same slots) on the same Redis, run by a processor that does nothing: what BullMQ alone
 * achieves on this machine at this moment.
 */
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { setTimeout as delay } from 'node:timers/promises';
import { untilTime } from '../../scripts/toolkit';
import { childReady, startBareBullmq, startWorkers, type ChildHandle } from '../env/workers';
import { cpuBetween, cpuGroups, cpuSnapshot, postgresPids, postgresRoles, processMemory, type CpuWindow } from '../env/cpu';
import { log } from '../env/log';
import { startMachineMonitor, type CommitProbe, type MachineSample } from '../env/machine-monitor';
import { collectOutcome, createPosts, postText, publishPhases, waitForSettled, type CreationStats, type Outcome, type Phases, type PostSpec } from '../load';
import { summarize, type Summary } from '../stats';
import type { BenchContext } from './context';
import { nextReconcileTick } from './context';

export interface TrickleOptions {
  count: number;
  spreadMs: number;
  /** From the end of creation to the first slot. */
  leadMs: number;
}

export interface LatePost {
  /** scheduled_at − window start. */
  offsetMs: number;
  latenessMs: number;
  /** Between due and received: the most cores other processes took in any 250 ms sample... */
  otherCoresMax: number;
  /** ...the most backends of other databases running a statement at once... */
  otherDbActiveMax: number;
  /** ...the WAL the whole Postgres server wrote... */
  walBytes: number;
  /** ...the slowest commit probe in flight meanwhile (a bare transaction's round trip, WAL flush included)... */
  commitMsMax: number;
  /** ...the time some task on the machine was stalled on I/O... */
  ioStallMs: number;
  /** ...and the machine's major page faults. */
  majorFaults: number;
}

export interface MachineSummary {
  samples: number;
  /** Samples in which other processes took more than half a core. */
  busySamples: number;
  otherCoresMax: number;
  /** Samples in which another database had a statement running. */
  otherDbSamples: number;
  walBytes: number;
  /** The commit probe over the window. */
  commit: Summary;
  /** Share of the window during which some task on the machine was stalled on I/O. */
  ioStallShare: number;
  majorFaults: number;
}

function summarizeMachine(samples: MachineSample[], commits: CommitProbe[]): MachineSummary {
  const finite = (xs: number[]) => xs.filter(Number.isFinite);
  return {
    samples: samples.length,
    busySamples: samples.filter((m) => m.otherCores > 0.5).length,
    otherCoresMax: Math.max(0, ...finite(samples.map((m) => m.otherCores))),
    otherDbSamples: samples.filter((m) => m.otherDbActive > 0).length,
    walBytes: finite(samples.map((m) => m.walBytes)).reduce((a, b) => a + b, 0),
    commit: summarize(commits.map((c) => c.ms)),
    ioStallShare: finite(samples.map((m) => m.ioStallMs)).reduce((a, b) => a + b, 0) / Math.max(1, samples.length * 250),
    majorFaults: finite(samples.map((m) => m.majorFaults)).reduce((a, b) => a + b, 0),
  };
}

export interface TrickleResult {
  options: TrickleOptions;
  creation: CreationStats;
  windowStart: number;
  outcome: Outcome;
  phases: Phases | undefined;
  latest: LatePost[];
  settled: boolean;
  /** The control: bare BullMQ delayed jobs, processor start − due time. */
  bare: Summary;
  cpu: CpuWindow;
  /** The rest of the machine in 250 ms samples over the window. */
  machine: MachineSummary;
  reconcileTicksInWindow: number[];
  workerRssBytes: number[];
  workerLogLines: string[];
}

/** The trickle's posts, due from `start`: slot i is [start + i·slot, start + (i+1)·slot). */
export function trickleSpecs(ctx: BenchContext, prefix: string, opts: TrickleOptions, start: number, accountOffset: number): PostSpec[] {
  const slot = opts.spreadMs / opts.count;
  return Array.from({ length: opts.count }, (_, i) => ({
    account: ctx.accounts[(accountOffset + i) % ctx.accounts.length]!,
    text: postText(prefix, i),
    at: new Date(Math.round(start + i * slot + ctx.random() * slot)),
  }));
}

const BARE_PREFIX = 'bare';

const maxOrNaN = (xs: number[]) => (xs.length ? Math.max(...xs) : Number.NaN);

export async function runTrickle(ctx: BenchContext, opts: TrickleOptions): Promise<TrickleResult> {
  await ctx.reset();
  const prefix = `hb-trickle-${ctx.runId}`;
  let workers: ChildHandle[] = [];
  let bare: ChildHandle | undefined;
  const bareConnection = new Redis(ctx.redis.url, { maxRetriesPerRequest: null });
  const bareQueue = new Queue('bare-delayed', { connection: bareConnection, prefix: BARE_PREFIX });
  try {
    workers = await startWorkers(ctx.bundles.worker, ctx.env, ctx.redis.client, ctx.workerCount);
    const bareChild = startBareBullmq(ctx.bundles.bare, ctx.redis.url, BARE_PREFIX);
    bare = bareChild;
    await childReady(bareChild);
    const start = Date.now() + Math.max(opts.leadMs, (opts.count / ctx.createRate) * 1000 * 2 + 2_000);
    const specs = trickleSpecs(ctx, prefix, opts, start, 0);
    const { created, stats } = await createPosts(specs, ctx.createConcurrency);
    const slot = opts.spreadMs / opts.count;
    await bareQueue.addBulk(
      Array.from({ length: opts.count }, (_, i) => {
        const at = Math.round(start + i * slot + ctx.random() * slot);
        return { name: 'bare', data: { at }, opts: { delay: at - Date.now(), removeOnComplete: true, jobId: `bare-${i}` } };
      }),
    );
    if (Date.now() > start) throw new Error('trickle creation overran the start of its window');
    log(`trickle: ${created.length} posts created in ${stats.elapsedMs.toFixed(0)} ms; window starts in ${((start - Date.now()) / 1000).toFixed(1)} s`);
    const tickBefore = await nextReconcileTick(ctx);

    const children = [
      ...workers.map((w) => ({ label: w.label, pid: w.pid })),
      { label: 'bare BullMQ control', pid: bareChild.pid },
      { label: 'x-sandbox', pid: ctx.sandbox.pid },
      { label: 'redis-server', pid: ctx.redis.pid },
    ];
    const tracked = () => [...children.map((c) => c.pid), process.pid, ...postgresPids()];
    await untilTime(start);
    const cpuBefore = cpuSnapshot(tracked());
    const monitor = startMachineMonitor(children, ctx.database.sql, ctx.database.url);
    const end = start + opts.spreadMs;
    await untilTime(end);
    const { settled } = await waitForSettled(created.length, end + 30_000);
    const cpuAfter = cpuSnapshot(tracked());
    const { samples: machine, commits } = await monitor.stop();
    const roles = await postgresRoles(ctx.database.sql);
    // A quiet moment, so that late duplicates, if any, are seen.
    await delay(1_500);
    const outcome = await collectOutcome(ctx.sandbox, created, prefix);
    const phases = await publishPhases(ctx.database.sql, created, outcome.arrivalById);
    const latest = created
      .filter((p) => outcome.arrivalById[p.id] !== undefined)
      .map((p) => {
        const arrival = outcome.arrivalById[p.id]!;
        // The monitor's samples that overlap [due, received] (each covers the 250 ms before its stamp).
        const around = machine.filter((m) => m.at >= p.scheduledAtMs && m.at - 250 <= arrival);
        return {
          offsetMs: p.scheduledAtMs - start,
          latenessMs: arrival - p.scheduledAtMs,
          otherCoresMax: Math.max(0, ...around.map((m) => m.otherCores).filter(Number.isFinite)),
          otherDbActiveMax: Math.max(0, ...around.map((m) => m.otherDbActive).filter(Number.isFinite)),
          walBytes: around.map((m) => m.walBytes).filter(Number.isFinite).reduce((a, b) => a + b, 0),
          // Commits that were in flight at some point between due and received.
          commitMsMax: maxOrNaN(commits.filter((c) => c.at >= p.scheduledAtMs && c.at - c.ms <= arrival).map((c) => c.ms)),
          ioStallMs: around.map((m) => m.ioStallMs).filter(Number.isFinite).reduce((a, b) => a + b, 0),
          majorFaults: around.map((m) => m.majorFaults).filter(Number.isFinite).reduce((a, b) => a + b, 0),
        };
      })
      .sort((a, b) => b.latenessMs - a.latenessMs)
      .slice(0, 10);
    const bareLate = bareChild.output.lines
      .filter((l) => l.includes('"bare":true'))
      .map((l) => (JSON.parse(l) as { late: number }).late);
    const ticks = reconcileTicks(tickBefore, start, Date.now());
    const workerRssBytes = workers.map((w) => processMemory(w.pid).rssBytes);
    return {
      options: opts,
      creation: stats,
      windowStart: start,
      outcome,
      phases,
      latest,
      settled,
      bare: summarize(bareLate),
      cpu: cpuBetween(cpuBefore, cpuAfter, cpuGroups(children, roles)),
      machine: summarizeMachine(machine, commits),
      reconcileTicksInWindow: ticks.map((t) => t - start),
      workerRssBytes,
      workerLogLines: workers.flatMap((w) => w.output.lines),
    };
  } finally {
    await bareQueue.close();
    bareConnection.disconnect();
    await Promise.all([...workers.map((w) => w.stop()), bare?.stop()]);
  }
}

/** The reconcile scheduler's ticks (every 60 s from `first`) that fell in [from, to]. */
export function reconcileTicks(first: number | null, from: number, to: number): number[] {
  if (first === null) return [];
  const ticks: number[] = [];
  for (let t = first; t <= to; t += 60_000) if (t >= from) ticks.push(t);
  return ticks;
}
