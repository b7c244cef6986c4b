import type { BenchDatabase } from '../env/postgres';
import type { BenchRedis } from '../env/redis';
import type { Bundles } from '../env/bundles';
import type { HeraldEnv } from '../env/workers';
import type { SandboxProcess } from '../env/sandbox';
import type { BenchAccount } from '../load';

/** What every scenario gets from bench/run.ts. */
export interface BenchContext {
  runId: string;
  bundles: Bundles;
  redis: BenchRedis;
  database: BenchDatabase;
  sandbox: SandboxProcess;
  env: HeraldEnv;
  accounts: BenchAccount[];
  workerCount: number;
  workerConcurrency: number;
  workerPoolMax: number;
  /** Posts createPost makes at once while a scenario sets up its load. */
  createConcurrency: number;
  /** The last measured creation rate (posts/s), to plan how far ahead a burst is due. */
  createRate: number;
  /** Random points in time slots: seeded (BENCH_SEED, printed at start), so a run's load can be replayed. */
  random(): number;
  /** Empties Redis (FLUSHALL on the bench's own server) and the posts tables; accounts stay. */
  reset(): Promise<void>;
}

/** Next tick of Herald's reconcile scheduler (epoch ms), from BullMQ's job-scheduler set. */
export async function nextReconcileTick(ctx: BenchContext): Promise<number | null> {
  const score = await ctx.redis.client.zscore(`${ctx.env.QUEUE_PREFIX}:post-queue:repeat`, 'reconcile');
  return score === null ? null : Number(score);
}
