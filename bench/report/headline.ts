/** The headline: one line per measure with its target and verdict, as a console table and in RESULTS.md. */
import { OTHERS, type CpuWindow } from '../env/cpu';
import { fmtBytes, fmtMs } from '../stats';
import { KB, num } from './tables';
import { calendarLines } from './calendar';
import type { BenchReport } from './types';

type Verdict = 'met' | 'NOT met' | 'n/a' | '';

export interface Line {
  scenario: string;
  metric: string;
  value: string;
  target: string;
  verdict: Verdict;
}
const verdict = (ok: boolean | undefined): Verdict => (ok === undefined ? 'n/a' : ok ? 'met' : 'NOT met');

export function headline(r: BenchReport): Line[] {
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
  const q = r.queue;
  if (q) {
    const total = q.options.accounts * q.options.addsPerAccount;
    const label = 'queue';
    lines.push(
      { scenario: label, metric: `adds succeeded (createPost in-process, not HTTP; ${q.options.accounts} accounts, ${q.distinctUsers} users)`, value: `${num(q.succeeded)} of ${num(total)}`, target: '', verdict: '' },
      {
        scenario: label,
        metric: 'distinct (account, slot)',
        value: `${num(q.distinctSlots)} of ${num(q.rows)} posts`,
        target: num(total),
        verdict: verdict(q.distinctSlots === total && q.rows === total && q.succeeded === total),
      },
      { scenario: label, metric: 'double-booked slots', value: num(q.doubleBooked), target: '0', verdict: verdict(q.doubleBooked === 0) },
      { scenario: label, metric: 'accounts on their first free slots, no gap', value: `${q.accountsInOrder} of ${q.options.accounts}`, target: '', verdict: '' },
      { scenario: label, metric: 'latency of one add p50 / p95 / max', value: `${fmtMs(q.latency.p50)} / ${fmtMs(q.latency.p95)} / ${fmtMs(q.latency.max)}`, target: '', verdict: '' },
      { scenario: label, metric: 'wall time, all adds', value: fmtMs(q.wallMs), target: '', verdict: '' },
    );
  } else lines.push(missing('queue', 'queue', '1,000 distinct, 0 double-booked'));
  if (r.calendar) lines.push(...calendarLines(r.calendar));
  else lines.push(missing('calendar', 'calendar', 'p95 ≤ 50 ms / 100 ms, ≤ 1 s, ≤ 200 ms'));
  return lines;
}

export function plainTable(lines: Line[]): string {
  const head: Line = { scenario: 'scenario', metric: 'metric', value: 'value', target: 'target', verdict: '' };
  const all = [head, ...lines];
  const w = (k: keyof Line) => Math.max(...all.map((l) => l[k].length));
  const widths = { scenario: w('scenario'), metric: w('metric'), value: w('value'), target: w('target') };
  const row = (l: Line) => `${l.scenario.padEnd(widths.scenario)}  ${l.metric.padEnd(widths.metric)}  ${l.value.padEnd(widths.value)}  ${l.target.padEnd(widths.target)}  ${l.verdict}`;
  const rule = '-'.repeat(widths.scenario + widths.metric + widths.value + widths.target + 16);
  return [row(head), rule, ...lines.map(row)].join('\n');
}
