/** The measurements of one run, as bench/run.ts gathers them and the report renders them. */
import type { ProfileSummary } from '../profile';
import type { BaselineResult } from '../scenarios/baseline';
import type { BurstResult } from '../scenarios/burst';
import type { CalendarResult } from '../scenarios/calendar';
import type { FootprintResult } from '../scenarios/footprint';
import type { QueueResult } from '../scenarios/queue';
import type { TrickleResult } from '../scenarios/trickle';

export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryBytes: number;
  os: string;
  node: string;
  postgres: string;
  redis: string;
  loadAverageAtStart: string;
}

export interface ClockProbe {
  /** Smallest (sandbox arrival − bench send time) over a few requests: ≥ 0 when the clocks agree. */
  arrivalAfterSendMs: number;
  /** Smallest (bench reply time − sandbox arrival): ≥ the added latency when the clocks agree. */
  replyAfterArrivalMs: number;
}

export interface BenchReport {
  command: string;
  startedAt: string;
  finishedAt?: string;
  runId: string;
  quick: boolean;
  machine: MachineInfo;
  git: { commit: string; dirty: string; workerFrom: string | undefined };
  settings: {
    latencyMs: number;
    workers: number;
    workerConcurrency: number;
    workerPoolMax: number;
    publishLeadMs: number;
    createConcurrency: number;
    baselineConcurrency: number;
    accounts: number;
  };
  clock: ClockProbe;
  /** BENCH_SEED of the run (the random points in the trickle's slots, the footprint's times). */
  seed: number;
  trickle?: TrickleResult;
  baseline?: BaselineResult;
  burst?: BurstResult;
  profiledBurst?: BurstResult;
  profile?: ProfileSummary;
  footprint?: FootprintResult;
  queue?: QueueResult;
  calendar?: CalendarResult;
  errors: string[];
  /** Scenarios left out with --only. */
  skipped: string[];
}
