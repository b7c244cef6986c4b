/** The trickle and baseline sections of RESULTS.md. */
import type { BaselineResult } from '../scenarios/baseline';
import type { TrickleResult } from '../scenarios/trickle';
import { fmtBytes, fmtMs } from '../stats';
import { SUMMARY_HEAD, cpuTable, logEvents, mdTable, num, phaseTable, summaryRow } from './tables';
import type { BenchReport } from './types';

export function trickleSection(r: BenchReport, t: TrickleResult): string[] {
  const md: string[] = [];
  md.push('## Trickle', '');
  md.push(
    `${t.options.count} posts, one per ${fmtMs(t.options.spreadMs / t.options.count)} slot over ${fmtMs(t.options.spreadMs)} (random point in each slot), ` +
      `each on its own account; created in ${fmtMs(t.creation.elapsedMs)} before the window. ` +
      `Postgres statuses after: ${Object.entries(t.outcome.statusCounts).map(([k, v]) => `${k} ${v}`).join(', ')}. ` +
      `Lost ${t.outcome.lost}, duplicated ${t.outcome.duplicated}, texts sent more than once ${t.outcome.duplicateAttempts}. ` +
      `Herald reconcile ticks inside the window: ${t.reconcileTicksInWindow.length ? t.reconcileTicksInWindow.map((x) => `+${fmtMs(x)}`).join(', ') : 'none'}.`,
    '',
    mdTable(SUMMARY_HEAD, [
      summaryRow('received − scheduled_at', t.outcome.lateness),
      summaryRow('created_at − scheduled_at', t.outcome.latenessCreated),
      summaryRow('control: bare BullMQ processor start − due', t.bare),
    ]),
    '',
    phaseTable(t.phases),
    '',
    `The rest of the machine, sampled every 250 ms over the window (${t.machine.samples} samples): other processes took more than half a core in ` +
      `${t.machine.busySamples} samples (at most ${t.machine.otherCoresMax.toFixed(2)} cores); another database on the shared Postgres server ` +
      `was running a statement in ${t.machine.otherDbSamples} samples; the whole server wrote ${fmtBytes(t.machine.walBytes)} of WAL. ` +
      `Some task on the machine was stalled on I/O ${(t.machine.ioStallShare * 100).toFixed(1)}% of the time (Linux PSI); ` +
      `${num(t.machine.majorFaults)} major page faults. A probe transaction that commits (\`select txid_current()\`, WAL flush included), ` +
      `run every 50 ms on a connection of its own (${num(t.machine.commit.n)} of them), took p50 ${fmtMs(t.machine.commit.p50)}, p99 ${fmtMs(t.machine.commit.p99)}, max ${fmtMs(t.machine.commit.max)}.`,
    '',
    `The ${t.latest.length} latest posts, with what the rest of the machine did between their due time and their arrival:`,
    '',
    mdTable(
      [
        'due at (into the window)',
        'received late by',
        'slowest commit probe',
        'I/O stall (PSI some)',
        'major faults',
        'other processes, most cores in a 250 ms sample',
        'other databases, most statements running',
        'WAL written by the server',
      ],
      t.latest.map((l) => [
        `+${(l.offsetMs / 1000).toFixed(2)} s`,
        fmtMs(l.latenessMs),
        Number.isFinite(l.commitMsMax) ? fmtMs(l.commitMsMax) : 'none in flight',
        fmtMs(l.ioStallMs),
        num(l.majorFaults),
        l.otherCoresMax.toFixed(2),
        String(l.otherDbActiveMax),
        fmtBytes(l.walBytes),
      ]),
    ),
    '',
    `CPU over the window (${fmtMs(t.cpu.wallMs)}; ${t.cpu.machineBusyCores.toFixed(2)} of ${r.machine.cores} cores busy on average):`,
    '',
    cpuTable(t.cpu),
    '',
    logEvents(t.workerLogLines),
    '',
  );
  return md;
}

export function baselineSection(b: BaselineResult): string[] {
  const md: string[] = [];
  md.push('## Baseline: once-a-minute poller on the trickle load', '');
  md.push(
    `Same load shape (${b.options.count} posts over ${fmtMs(b.options.spreadMs)}), published by bench/baseline-cron.ts. ` +
      `Postgres statuses after: ${Object.entries(b.outcome.statusCounts).map(([k, v]) => `${k} ${v}`).join(', ')}; lost ${b.outcome.lost}, duplicated ${b.outcome.duplicated}.`,
    '',
    mdTable(SUMMARY_HEAD, [summaryRow('received − scheduled_at', b.outcome.lateness), summaryRow('created_at − scheduled_at', b.outcome.latenessCreated)]),
    '',
    'Ticks that found work:',
    '',
    mdTable(
      ['tick at', 'claimed', 'published', 'failed', 'tick took'],
      b.ticks.map((k) => [new Date(k.startedAt).toISOString(), num(k.claimed), num(k.published), num(k.failed), fmtMs(k.ms)]),
    ),
    '',
  );
  return md;
}
