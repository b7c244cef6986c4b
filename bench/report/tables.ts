/** Markdown tables and number formats shared by the report's sections. */
import type { CpuWindow } from '../env/cpu';
import type { Phases } from '../load';
import type { Row } from '../profile';
import { fmtMs, type Summary } from '../stats';

export const KB = 1024;
export const num = (n: number, digits = 0) => (Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : 'n/a');

export function mdTable(headers: string[], rows: string[][]): string {
  const esc = (s: string) => s.replaceAll('|', '\\|');
  return [`| ${headers.join(' | ')} |`, `| ${headers.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`)].join('\n');
}

export function summaryRow(name: string, s: Summary): string[] {
  return [name, num(s.n), fmtMs(s.min), fmtMs(s.p50), fmtMs(s.p90), fmtMs(s.p99), fmtMs(s.max), fmtMs(s.mean)];
}
export const SUMMARY_HEAD = ['lateness', 'n', 'min', 'p50', 'p90', 'p99', 'max', 'mean'];

/** Worker log lines (JSON at warn and above) counted by event. */
export function logEvents(lines: string[]): string {
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

export function phaseTable(p: Phases | undefined): string {
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

export function cpuTable(cpu: CpuWindow, per?: { n: number; label: string }): string {
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

export function profileRows(rows: Row[]): string[][] {
  return rows.map((r) => [r.name, `${num(r.ms)} ms`, `${(r.share * 100).toFixed(1)}%`]);
}
