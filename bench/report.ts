/**
 * Turns the measurements into the console table and bench/RESULTS.md. Every number printed here
 * comes from the run's own measurements.
 */
import { OTHERS, type CpuWindow } from './env';
import type { Phases } from './load';
import type { ProfileSummary, Row } from './profile';
import type { BaselineResult } from './scenarios/baseline';
import type { BurstResult } from './scenarios/burst';
import type { FootprintResult } from './scenarios/footprint';
import type { TrickleResult } from './scenarios/trickle';
import { fmtBytes, fmtMs, type Summary } from './stats';

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
  trickle?: TrickleResult;
  baseline?: BaselineResult;
  burst?: BurstResult;
  profiledBurst?: BurstResult;
  profile?: ProfileSummary;
  footprint?: FootprintResult;
  errors: string[];
  /** Scenarios left out with --only. */
  skipped: string[];
}

type Verdict = 'met' | 'NOT met' | 'n/a' | '';

interface Line {
  scenario: string;
  metric: string;
  value: string;
  target: string;
  verdict: Verdict;
}

const KB = 1024;
const num = (n: number, digits = 0) => (Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : 'n/a');
const verdict = (ok: boolean | undefined): Verdict => (ok === undefined ? 'n/a' : ok ? 'met' : 'NOT met');

function headline(r: BenchReport): Line[] {
  const lines: Line[] = [];
  const missing = (scenario: string, name: string, target: string): Line =>
    r.skipped.includes(name)
      ? { scenario, metric: 'not run (--only)', value: '', target, verdict: '' }
      : { scenario, metric: 'did not complete', value: 'see errors', target, verdict: 'n/a' };
  const t = r.trickle;
  if (t) {
    const s = t.outcome.lateness;
    lines.push(
      { scenario: 'trickle', metric: `lateness p50 (${s.n} of ${t.outcome.created} posts)`, value: fmtMs(s.p50), target: '', verdict: '' },
      { scenario: 'trickle', metric: 'lateness p99', value: fmtMs(s.p99), target: '≤ 25 ms', verdict: verdict(s.n === t.outcome.created && s.p99 <= 25) },
      { scenario: 'trickle', metric: 'lateness max', value: fmtMs(s.max), target: '', verdict: '' },
      { scenario: 'trickle', metric: 'lost / duplicated', value: `${t.outcome.lost} / ${t.outcome.duplicated}`, target: '', verdict: '' },
      {
        scenario: 'trickle control',
        metric: `bare BullMQ delayed job, same moment: p50 / p99 / max (${t.bare.n} jobs)`,
        value: `${fmtMs(t.bare.p50)} / ${fmtMs(t.bare.p99)} / ${fmtMs(t.bare.max)}`,
        target: '',
        verdict: '',
      },
    );
  } else lines.push(missing('trickle', 'trickle', '≤ 25 ms p99'));

  const b = r.baseline;
  if (b) {
    const s = b.outcome.lateness;
    lines.push(
      { scenario: 'baseline cron', metric: `lateness p50 (${s.n} of ${b.outcome.created} posts)`, value: fmtMs(s.p50), target: '', verdict: '' },
      { scenario: 'baseline cron', metric: 'lateness p99', value: fmtMs(s.p99), target: '', verdict: '' },
      { scenario: 'baseline cron', metric: 'lateness max', value: fmtMs(s.max), target: '', verdict: '' },
    );
    if (t) {
      const ratio = t.outcome.lateness.p99 / s.p99;
      lines.push({
        scenario: 'trickle vs baseline',
        metric: 'Herald p99 / baseline p99',
        value: `${ratio.toPrecision(2)} (baseline ${num(1 / ratio)}× later)`,
        target: '',
        verdict: '',
      });
    }
  } else lines.push(missing('baseline cron', 'baseline', ''));

  const u = r.burst;
  if (u) {
    const s = u.outcome.lateness;
    const published = u.outcome.statusCounts.published ?? 0;
    lines.push(
      { scenario: 'burst', metric: `drain rate (${num(u.outcome.created)} posts, T → last received)`, value: `${num(u.drainRate)} posts/s`, target: '≥ 1,000 posts/s', verdict: verdict(u.drainRate >= 1000) },
      { scenario: 'burst', metric: 'lateness p50', value: fmtMs(s.p50), target: '', verdict: '' },
      { scenario: 'burst', metric: 'lateness p99', value: fmtMs(s.p99), target: '', verdict: '' },
      { scenario: 'burst', metric: 'lateness max', value: fmtMs(s.max), target: '', verdict: '' },
      { scenario: 'burst', metric: 'lost', value: num(u.outcome.lost), target: '0', verdict: verdict(u.outcome.lost === 0) },
      { scenario: 'burst', metric: 'duplicated', value: num(u.outcome.duplicated), target: '0', verdict: verdict(u.outcome.duplicated === 0) },
      { scenario: 'burst', metric: 'texts sent to X more than once', value: num(u.outcome.duplicateAttempts), target: '', verdict: '' },
      { scenario: 'burst', metric: '`published` in Postgres', value: `${num(published)} of ${num(u.outcome.created)}`, target: '', verdict: '' },
    );
  } else lines.push(missing('burst', 'burst', '≥ 1,000 posts/s, 0 lost, 0 dup'));

  const f = r.footprint;
  if (f) {
    const n = f.options.count;
    const redisPer = (f.redisUsedAfter - f.redisUsedBefore) / n;
    const pgPer = (f.pgAfter.postsTotal + f.pgAfter.partsTotal - f.pgBefore.postsTotal - f.pgBefore.partsTotal) / n;
    lines.push(
      {
        scenario: 'footprint',
        metric: `Redis bytes per scheduled post (${num(n)} posts)`,
        value: `${num(redisPer)} B${redisPer <= KB && redisPer > 1000 ? ' (over 1,000 B: met only if 1 KB = 1,024 B)' : ''}`,
        target: '≤ 1 KB (1,024 B)',
        verdict: verdict(redisPer <= KB),
      },
      { scenario: 'footprint', metric: 'Postgres bytes per scheduled post (posts + post_parts, with indexes)', value: `${num(pgPer)} B`, target: '', verdict: '' },
      { scenario: 'footprint', metric: `worker RSS, each (idle → ${num(n)} scheduled)`, value: f.workerRssIdle.map((v, i) => `${fmtBytes(v)} → ${fmtBytes(f.workerRssLoaded[i] ?? Number.NaN)}`).join('; '), target: '', verdict: '' },
    );
  } else lines.push(missing('footprint', 'footprint', '≤ 1 KB Redis/post'));
  if (u) {
    lines.push({ scenario: 'burst', metric: 'worker peak RSS, each', value: u.workerPeakRssBytes.map(fmtBytes).join('; '), target: '', verdict: '' });
  }
  const others = (label: string, cpu: CpuWindow | undefined) => {
    const rest = cpu?.shares.find((x) => x.label === OTHERS);
    if (cpu && rest) {
      lines.push({
        scenario: label,
        metric: `cores busy (of ${r.machine.cores}) / of which not the bench's`,
        value: `${cpu.machineBusyCores.toFixed(2)} / ${rest.cores.toFixed(2)}`,
        target: '',
        verdict: '',
      });
    }
  };
  others('trickle', t?.cpu);
  others('burst', u?.cpu);
  return lines;
}

function plainTable(lines: Line[]): string {
  const head: Line = { scenario: 'scenario', metric: 'metric', value: 'value', target: 'target', verdict: '' };
  const all = [head, ...lines];
  const w = (k: keyof Line) => Math.max(...all.map((l) => l[k].length));
  const widths = { scenario: w('scenario'), metric: w('metric'), value: w('value'), target: w('target') };
  const row = (l: Line) => `${l.scenario.padEnd(widths.scenario)}  ${l.metric.padEnd(widths.metric)}  ${l.value.padEnd(widths.value)}  ${l.target.padEnd(widths.target)}  ${l.verdict}`;
  const rule = '-'.repeat(widths.scenario + widths.metric + widths.value + widths.target + 16);
  return [row(head), rule, ...lines.map(row)].join('\n');
}

function mdTable(headers: string[], rows: string[][]): string {
  const esc = (s: string) => s.replaceAll('|', '\\|');
  return [`| ${headers.join(' | ')} |`, `| ${headers.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`)].join('\n');
}

function summaryRow(name: string, s: Summary): string[] {
  return [name, num(s.n), fmtMs(s.min), fmtMs(s.p50), fmtMs(s.p90), fmtMs(s.p99), fmtMs(s.max), fmtMs(s.mean)];
}
const SUMMARY_HEAD = ['lateness', 'n', 'min', 'p50', 'p90', 'p99', 'max', 'mean'];

/** Worker log lines (JSON at warn and above) counted by event. */
function logEvents(lines: string[]): string {
  const counts = new Map<string, number>();
  const examples = new Map<string, string>();
  for (const line of lines) {
    let event = 'non-JSON output';
    try {
      const parsed = JSON.parse(line) as { event?: unknown; msg?: unknown };
      event = typeof parsed.event === 'string' ? parsed.event : typeof parsed.msg === 'string' ? parsed.msg : 'other';
    } catch {
      // not JSON
    }
    counts.set(event, (counts.get(event) ?? 0) + 1);
    if (!examples.has(event)) examples.set(event, line.length > 300 ? `${line.slice(0, 300)}…` : line);
  }
  if (counts.size === 0) return 'Worker output at `LOG_LEVEL=warn`: none.';
  return [
    'Worker output at `LOG_LEVEL=warn`, by event:',
    '',
    mdTable(['event', 'lines', 'first line'], [...counts.entries()].map(([e, n]) => [e, num(n), `\`${examples.get(e) ?? ''}\``])),
  ].join('\n');
}

function phaseTable(p: Phases | undefined): string {
  if (!p) return 'No phase breakdown: this schema has no post_parts.sent_at.';
  return [
    "Where each post's time went, from Herald's own timestamps (post_parts.sent_at is written by the worker's claim, the statement that",
    'takes the post, reads its parts and account and marks its first part sent; the worker then gets the token, holds the post until',
    "scheduled_at (jobs fire PUBLISH_LEAD_MS early) and makes the create call; posts.published_at when it finishes; both millisecond-precision",
    "from the worker's clock) and the sandbox's arrival time:",
    '',
    mdTable(SUMMARY_HEAD.map((h, i) => (i === 0 ? 'phase' : h)), [
      summaryRow('due → sent_at (BullMQ hand-over, claim; negative: claimed before the time)', p.dueToSent),
      summaryRow('sent_at → received (token, hold until the time, X client request)', p.sentToArrival),
      summaryRow('received → published_at (X answer incl. added latency, record, finish)', p.arrivalToPublished),
    ]),
  ].join('\n');
}

function cpuTable(cpu: CpuWindow, per?: { n: number; label: string }): string {
  return mdTable(
    ['process', 'CPU time', 'of which kernel', 'cores on average', ...(per ? [per.label] : [])],
    cpu.shares.map((s) => [
      s.label,
      fmtMs(s.cpuMs),
      Number.isFinite(s.sysMs) ? fmtMs(s.sysMs) : '',
      s.cores.toFixed(2),
      ...(per ? [`${((s.cpuMs / per.n) * 1000).toFixed(0)} µs`] : []),
    ]),
  );
}

function profileRows(rows: Row[]): string[][] {
  return rows.map((r) => [r.name, `${num(r.ms)} ms`, `${(r.share * 100).toFixed(1)}%`]);
}

function burstSection(title: string, u: BurstResult, settings: BenchReport['settings'], cores: number): string[] {
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

export function renderReport(r: BenchReport): { table: string; markdown: string } {
  const lines = headline(r);
  const table = plainTable(lines);
  const md: string[] = [];
  md.push('# Herald benchmarks', '');
  md.push(
    `Generated by \`${r.command}\` (bench/run.ts), started ${r.startedAt}, finished ${r.finishedAt ?? '?'}. ` +
      'Every number below was measured by that run; nothing is typed in.' +
      (r.quick ? ' **Quick mode: reduced sizes, not the benchmark of record.**' : '') +
      (r.skipped.length ? ` **Partial run: ${r.skipped.join(', ')} not run.**` : ''),
    '',
  );
  md.push('## Machine', '');
  md.push(
    mdTable(
      ['', ''],
      [
        ['CPU', r.machine.cpu],
        ['cores', String(r.machine.cores)],
        ['memory', fmtBytes(r.machine.memoryBytes)],
        ['OS', r.machine.os],
        ['Node', r.machine.node],
        ['Postgres', `${r.machine.postgres} (the machine's shared server; the bench uses a database of its own)`],
        ['Redis', r.machine.redis],
        ['load average at start', r.machine.loadAverageAtStart],
        [
          'code',
          `commit ${r.git.commit}${r.git.dirty ? `, with uncommitted changes: ${r.git.dirty.split('\n').map((l) => l.trim()).join('; ')}` : ''}` +
            (r.git.workerFrom ? `; **the worker was built from ${r.git.workerFrom}** (BENCH_WORKER_FROM)` : ''),
        ],
      ],
    ),
    '',
  );
  md.push('## Results', '');
  const noisy = (name: string, cpu: CpuWindow | undefined) => {
    const rest = cpu?.shares.find((x) => x.label === OTHERS);
    return rest && rest.cores > 0.1 ? [`${name}: ${rest.cores.toFixed(2)} cores`] : [];
  };
  const ioNoisy = (name: string, share: number | undefined) => (share !== undefined && share > 0.05 ? [`${name}: tasks stalled on I/O ${(share * 100).toFixed(0)}% of the time`] : []);
  const disturbed = [
    ...noisy('trickle', r.trickle?.cpu),
    ...noisy('burst', r.burst?.cpu),
    ...ioNoisy('trickle', r.trickle?.machine.ioStallShare),
    ...ioNoisy('burst', r.burst?.ioStallShare),
  ];
  if (disturbed.length) {
    md.push(
      `**Warning: the machine was not quiet during the run (${disturbed.join('; ')}; cores are averages of ${r.machine.cores} used by processes that are not the bench's), ` +
        'so those numbers are worse than the same code on an otherwise idle machine.**',
      '',
    );
  }
  md.push(mdTable(['scenario', 'metric', 'value', 'target', ''], lines.map((l) => [l.scenario, l.metric, l.value, l.target, l.verdict])), '');
  if (r.errors.length) md.push('**Errors:**', '', ...r.errors.map((e) => `- ${e}`), '');

  md.push('## Setup', '');
  md.push(
    [
      `- Everything on this machine, on 127.0.0.1: a fresh Postgres database migrated with Herald's migrations, a redis-server of the bench's own`,
      `  (hz 100, no persistence; emptied with FLUSHALL before each scenario), the X sandbox as a child process (\`x-sandbox/main.ts\`) with`,
      `  ${r.settings.latencyMs} ms of added latency on every X call and per-user limits raised out of the way.`,
      `- ${r.settings.workers} Herald workers: \`node worker.js\` bundled from the working tree with scripts/build.ts's esbuild settings`,
      `  (bench/.build/), \`WORKER_CONCURRENCY=${r.settings.workerConcurrency}\`, \`DB_POOL_MAX=${r.settings.workerPoolMax}\`, \`LOG_LEVEL=warn\`, \`NODE_ENV=production\`;`,
      `  \`PUBLISH_LEAD_MS\` at its default, ${r.settings.publishLeadMs} ms: each job fires that much before the post's time and the worker holds the ready post until it.`,
      `- ${num(r.settings.accounts)} sandbox users with tokens minted by the sandbox, connected through \`connectAccount\` (encrypted tokens).`,
      `  Tokens stay valid for the whole run, so no publish refreshes one.`,
      `- Posts are made by \`createPostInput.parse\` + \`createPost\` (lib/posts), ${r.settings.createConcurrency} at once, one part each, unique text.`,
      `- **Lateness** = the sandbox's arrival time of the \`POST /2/tweets\` that created the post − the post's \`scheduled_at\` ("received").`,
      `  The tables also give created_at − scheduled_at, which adds the sandbox's ${r.settings.latencyMs} ms of latency and its handling.`,
      `  Percentiles interpolate linearly between ranks. Clock check: sandbox arrival stamps were ≥ ${r.clock.arrivalAfterSendMs.toFixed(2)} ms after`,
      `  the bench sent and ≥ ${r.clock.replyAfterArrivalMs.toFixed(2)} ms before it got the reply (both processes stamp with timeOrigin + performance.now()).`,
      `- **Lost** = created posts with no sandbox post; **duplicated** = sandbox posts beyond the first with one Herald text. The sandbox refuses a`,
      `  second copy of a text from one user (403), so texts *sent* more than once are counted too.`,
      `- The baseline poller (bench/baseline-cron.ts) runs every minute on the minute, claims due posts with FOR UPDATE SKIP LOCKED and`,
      `  publishes them ${r.settings.baselineConcurrency} at a time with the same X client (lib/x/client) and the same tables.`,
    ].join('\n'),
    '',
  );

  const t = r.trickle;
  if (t) {
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
  }
  const b = r.baseline;
  if (b) {
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
  }
  if (r.burst) md.push(...burstSection('Burst', r.burst, r.settings, r.machine.cores));
  if (r.profiledBurst) {
    md.push(...burstSection('Burst again, worker 1 under `--cpu-prof` (not used for the targets)', r.profiledBurst, r.settings, r.machine.cores));
  }
  if (r.profile) {
    const p = r.profile;
    md.push(
      '### CPU profile of worker 1 during the profiled burst',
      '',
      `From ${p.file.split('/').slice(-3).join('/')}: ${p.windowed ? `the drain window only (T−2 s until every post had ended), ${fmtMs(p.wallMs)}` : `the whole process life, ${fmtMs(p.wallMs)}`}; ` +
        `${fmtMs(p.busyMs)} of samples not idle` +
        (r.profiledBurst
          ? `, while /proc says worker 1 used ${fmtMs(r.profiledBurst.cpu.shares.find((x) => x.label === 'worker-1')?.cpuMs ?? Number.NaN)} of CPU in that window. `
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
  }
  const f = r.footprint;
  if (f) {
    const n = f.options.count;
    const pg = (k: keyof typeof f.pgAfter) => f.pgAfter[k] - f.pgBefore[k];
    md.push('## Footprint', '');
    md.push(
      `${num(n)} posts scheduled 1 hour to 31 days ahead across ${num(r.settings.accounts)} accounts, created in ${(f.creation.elapsedMs / 1000).toFixed(1)} s ` +
        `(${num(f.creation.perSecond)} createPost/s). Differences from just before creation, with the ${r.settings.workers} workers connected and idle.`,
      '',
      mdTable(
        ['measure', 'total', 'per scheduled post'],
        [
          ['Redis used_memory', `${fmtBytes(f.redisUsedBefore)} → ${fmtBytes(f.redisUsedAfter)}`, `${num((f.redisUsedAfter - f.redisUsedBefore) / n)} B`],
          ['Redis keys', `${num(f.redisKeysBefore)} → ${num(f.redisKeysAfter)}`, ((f.redisKeysAfter - f.redisKeysBefore) / n).toFixed(3)],
          ['Postgres posts (heap)', fmtBytes(pg('postsHeap')), `${num(pg('postsHeap') / n)} B`],
          ['Postgres posts (indexes)', fmtBytes(pg('postsIndexes')), `${num(pg('postsIndexes') / n)} B`],
          ['Postgres post_parts (heap)', fmtBytes(pg('partsHeap')), `${num(pg('partsHeap') / n)} B`],
          ['Postgres post_parts (indexes)', fmtBytes(pg('partsIndexes')), `${num(pg('partsIndexes') / n)} B`],
          ['Postgres posts + post_parts (total relation size)', fmtBytes(pg('postsTotal') + pg('partsTotal')), `${num((pg('postsTotal') + pg('partsTotal')) / n)} B`],
          ['Postgres database size', fmtBytes(pg('database')), `${num(pg('database') / n)} B`],
        ],
      ),
      '',
      'Redis by kind of key after creation (`MEMORY USAGE` of every key; the keyspace\'s own per-key overhead is in used_memory only):',
      '',
      mdTable(['kind', 'keys', 'bytes', 'per scheduled post'], f.redisByKind.map((k) => [k.name, num(k.keys), fmtBytes(k.bytes), `${num(k.bytes / n)} B`])),
      '',
      f.jobHash
        ? `One job hash looked at closely: \`OBJECT ENCODING\` ${f.jobHash.encoding}, \`MEMORY USAGE\` ${num(f.jobHash.memoryUsage)} B, ` +
            `fields ${f.jobHash.fields.map((x) => `${x.name} ${x.bytes} B`).join(', ')} (${num(f.jobHash.fields.reduce((s2, x) => s2 + x.bytes + Buffer.byteLength(x.name), 0))} B of names and values). ` +
            `This Redis keeps a hash in the compact listpack encoding only while every value is ≤ ${f.jobHash.listpackValueLimit} B ` +
            `(\`hash-max-listpack-value\`) and it has ≤ ${f.jobHash.listpackEntriesLimit} fields; the longest value here is ` +
            `${Math.max(...f.jobHash.fields.map((x) => x.bytes))} B.`
        : 'No job hash found to look at.',
      '',
      `Worker RSS: idle ${f.workerRssIdle.map(fmtBytes).join(', ')}; with ${num(n)} posts scheduled ${f.workerRssLoaded.map(fmtBytes).join(', ')}.`,
      '',
    );
  }
  return { table, markdown: md.join('\n') };
}
