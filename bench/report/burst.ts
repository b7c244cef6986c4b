/** The burst sections of RESULTS.md, and the CPU profile of the profiled burst. */
import type { ProfileSummary } from '../profile';
import type { BurstResult } from '../scenarios/burst';
import { fmtBytes, fmtMs } from '../stats';
import { SUMMARY_HEAD, cpuTable, logEvents, mdTable, num, phaseTable, profileRows, summaryRow } from './tables';
import type { BenchReport } from './types';

export function burstSection(title: string, u: BurstResult, settings: BenchReport['settings'], cores: number): string[] {
  const out: string[] = [];
  const o = u.outcome;
  const accepted = o.lateness.n;
  out.push(`## ${title}`, '');
  out.push(
    `${num(o.created)} posts across ${num(settings.accounts)} accounts, all due at T = ${new Date(u.dueAt).toISOString()}; created in ` +
      `${(u.creation.elapsedMs / 1000).toFixed(1)} s (${num(u.creation.perSecond)} createPost/s, ${u.creation.concurrency} at once), ` +
      `${(u.quietMs / 1000).toFixed(1)} s before T. ${settings.workers} workers × concurrency ${settings.workerConcurrency}, DB pool ${settings.workerPoolMax} each.`,
    '',
  );
  out.push(
    mdTable(
      ['measure', 'value'],
      [
        ['first post received after T', fmtMs(o.firstArrival - u.dueAt)],
        ['some task on the machine stalled on I/O (Linux PSI), share of the window', `${(u.ioStallShare * 100).toFixed(1)}%`],
        ['last post received after T (drain)', fmtMs(u.drainMs)],
        ['drain rate: accepted posts / drain', `${num(u.drainRate)} posts/s`],
        ['steady rate: (accepted − 1) / (last − first)', `${num(((accepted - 1) / (o.lastArrival - o.firstArrival)) * 1000)} posts/s`],
        ['every post ended in Postgres after T', u.settled ? fmtMs(u.settledAfterMs) : `not within ${fmtMs(u.settledAfterMs)}`],
        ['Postgres statuses', Object.entries(o.statusCounts).map(([k, v]) => `${k} ${num(v)}`).join(', ')],
        ['delivered exactly once / lost / duplicated', `${num(o.deliveredOnce)} / ${num(o.lost)} / ${num(o.duplicated)}`],
        ['texts sent to POST /2/tweets more than once', num(o.duplicateAttempts)],
        ['create calls not answered 201', Object.keys(o.otherStatuses).length ? Object.entries(o.otherStatuses).map(([k, v]) => `${k}: ${v}`).join(', ') : 'none'],
        [
          "Herald's reconcile tick fell due during the drain (a BullMQ job: it waits behind the backlog)",
          u.reconcileTicksInDrain.length ? u.reconcileTicksInDrain.map((t) => `T+${fmtMs(t)}`).join(', ') : 'no',
        ],
      ],
    ),
    '',
    mdTable(SUMMARY_HEAD, [summaryRow('received − T', o.lateness), summaryRow('created_at − T', o.latenessCreated)]),
    '',
  );
  out.push(
    phaseTable(u.phases),
    '',
    `CPU from T−2 s until every post had ended in Postgres (${fmtMs(u.cpu.wallMs)} wall; the machine has ${cores} cores, ` +
      `${u.cpu.machineBusyCores.toFixed(2)} were busy on average; the last row is load that is not the bench's):`,
    '',
    cpuTable(u.cpu, { n: accepted, label: 'CPU per accepted post' }),
    '',
  );
  const redisTotalUs = u.redisCommands.reduce((s, c) => s + c.usec, 0);
  out.push(
    `Redis commands over the same window (INFO commandstats; ${fmtMs(redisTotalUs / 1000)} inside commands in total, ${(redisTotalUs / accepted).toFixed(0)} µs per post):`,
    '',
    mdTable(
      ['command', 'calls', 'calls per post', 'µs per call'],
      u.redisCommands.slice(0, 12).map((c) => [c.command, num(c.calls), (c.calls / accepted).toFixed(2), (c.usec / Math.max(1, c.calls)).toFixed(1)]),
    ),
    '',
  );
  out.push(
    `Postgres activity in the bench database over the drain (pg_stat_database; includes ${num(u.statusPolls)} status polls by the bench):`,
    '',
    mdTable(
      ['counter', 'total', 'per accepted post'],
      Object.entries(u.pg).map(([k, v]) => [k, num(v), (v / accepted).toFixed(2)]),
    ),
    '',
  );
  out.push(logEvents(u.workerLogLines), '');
  out.push(`Worker peak RSS (VmHWM): ${u.workerPeakRssBytes.map(fmtBytes).join(', ')}.`, '');
  return out;
}

export function profileSection(p: ProfileSummary, profiledBurst: BurstResult | undefined): string[] {
  const md: string[] = [];
  md.push(
    '### CPU profile of worker 1 during the profiled burst',
    '',
    `From ${p.file.split('/').slice(-3).join('/')}: ${p.windowed ? `the drain window only (T−2 s until every post had ended), ${fmtMs(p.wallMs)}` : `the whole process life, ${fmtMs(p.wallMs)}`}; ` +
      `${fmtMs(p.busyMs)} of samples not idle` +
      (profiledBurst
        ? `, while /proc says worker 1 used ${fmtMs(profiledBurst.cpu.shares.find((x) => x.label === 'worker-1')?.cpuMs ?? Number.NaN)} of CPU in that window. `
        : '. ') +
      "V8 samples the thread's wall time: with the cores oversubscribed, time the worker spends preempted is charged to what it was doing, " +
      'mostly the socket write that wakes the receiving process (writeBuffer, writev), so those native rows overstate CPU; the JavaScript rows are its own work. ' +
      "Frames are mapped back to source modules through the bundle's module markers.",
    '',
    'Self time by package:',
    '',
    mdTable(['package', 'self time', 'share of busy'], profileRows(p.byPackage)),
    '',
    'Self time by function:',
    '',
    mdTable(['function — module', 'self time', 'share of busy'], profileRows(p.byFunction)),
    '',
  );
  return md;
}
