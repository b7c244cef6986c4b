/**
 * Baseline: the same trickle load, published by bench/baseline-cron.ts (a once-a-minute poller)
 * instead of Herald's workers. No Herald worker runs meanwhile; createPost still queues its
 * BullMQ jobs, which nobody consumes and the next reset discards.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { log } from '../env/log';
import { childReady, startBaselineCron, type ChildHandle } from '../env/workers';
import { untilTime } from '../../scripts/toolkit';
import { collectOutcome, createPosts, waitForSettled, type CreationStats, type Outcome } from '../load';
import type { BenchContext } from './context';
import { trickleSpecs, type TrickleOptions } from './trickle';

export interface BaselineResult {
  options: TrickleOptions;
  creation: CreationStats;
  windowStart: number;
  outcome: Outcome;
  settled: boolean;
  concurrency: number;
  ticks: { startedAt: number; ms: number; claimed: number; published: number; failed: number }[];
}

export async function runBaseline(ctx: BenchContext, opts: TrickleOptions, concurrency: number): Promise<BaselineResult> {
  await ctx.reset();
  const prefix = `hb-baseline-${ctx.runId}`;
  let cron: ChildHandle | undefined;
  try {
    const poller = startBaselineCron(ctx.bundles.baseline, ctx.env, concurrency);
    cron = poller;
    await childReady(poller);
    const start = Date.now() + Math.max(opts.leadMs, (opts.count / ctx.createRate) * 1000 * 2 + 2_000);
    // Other accounts than the trickle's, so no text or account state is shared.
    const specs = trickleSpecs(ctx, prefix, opts, start, 500);
    const { created, stats } = await createPosts(specs, ctx.createConcurrency);
    if (Date.now() > start) throw new Error('baseline creation overran the start of its window');
    const end = start + opts.spreadMs;
    // The last post is published by the first tick on the minute after it is due.
    const lastTick = Math.ceil(end / 60_000) * 60_000;
    log(`baseline: ${created.length} posts created; window ${new Date(start).toISOString()} .. ${new Date(end).toISOString()}, last tick due ${new Date(lastTick).toISOString()}`);
    await untilTime(lastTick);
    const { settled } = await waitForSettled(created.length, lastTick + 30_000);
    // A quiet moment, so that late duplicates, if any, are seen.
    await delay(1_500);
    const outcome = await collectOutcome(ctx.sandbox, created, prefix);
    const ticks = poller.output.lines
      .filter((l) => l.includes('"event":"tick"'))
      .map((l) => JSON.parse(l) as { startedAt: number; ms: number; claimed: number; published: number; failed: number })
      .filter((t) => t.claimed > 0);
    return { options: opts, creation: stats, windowStart: start, outcome, settled, concurrency, ticks };
  } finally {
    await cron?.stop();
  }
}
