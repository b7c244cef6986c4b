/** CPU and memory of processes and of the whole machine, from /proc, grouped by whom they work for. */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import type postgres from 'postgres';

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU time (ms) a process has used so far, user and kernel, from /proc/<pid>/stat. */
export function processCpu(pid: number): { userMs: number; sysMs: number } {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) are space separated; utime and
    // stime are fields 14 and 15 of the whole line.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { userMs: (Number(rest[11]) * 1000) / CLOCK_TICKS, sysMs: (Number(rest[12]) * 1000) / CLOCK_TICKS };
  } catch {
    return { userMs: 0, sysMs: 0 };
  }
}

export function processMemory(pid: number): { rssBytes: number; peakRssBytes: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN) * 1024;
    return { rssBytes: kb('VmRSS'), peakRssBytes: kb('VmHWM') };
  } catch {
    return { rssBytes: Number.NaN, peakRssBytes: Number.NaN };
  }
}

/** Every process whose command name is `postgres` (the server and all its backends, every database). */
export function postgresPids(): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres') pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/** Busy and total CPU time of the whole machine (all cores), in ms, from /proc/stat. */
export function machineCpuMs(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  const total = v.slice(0, 8).reduce((s, x) => s + x, 0);
  const idle = (v[3] ?? 0) + (v[4] ?? 0);
  return { busy: ((total - idle) * 1000) / CLOCK_TICKS, total: (total * 1000) / CLOCK_TICKS };
}

export interface CpuSnapshot {
  at: number;
  byPid: Map<number, { userMs: number; sysMs: number }>;
  machine: { busy: number; total: number };
}

/** CPU used so far by each of `pids`, and by the whole machine. */
export function cpuSnapshot(pids: readonly number[]): CpuSnapshot {
  const byPid = new Map<number, { userMs: number; sysMs: number }>();
  for (const pid of pids) byPid.set(pid, processCpu(pid));
  return { at: performance.now(), byPid, machine: machineCpuMs() };
}

export interface CpuShare {
  label: string;
  cpuMs: number;
  /** Of which in the kernel (system time): syscalls, loopback TCP, page faults. */
  sysMs: number;
  /** Cores used on average over the window (1.0 = one core fully busy). */
  cores: number;
}

export interface CpuWindow {
  wallMs: number;
  shares: CpuShare[];
  machineBusyCores: number;
}

/**
 * CPU used by each group of processes between two snapshots, plus the rest of the machine. A pid
 * first seen in `b` (a Postgres backend opened meanwhile) counts all its CPU; one gone by `b`, none.
 */
export function cpuBetween(a: CpuSnapshot, b: CpuSnapshot, groups: Map<string, readonly number[]>): CpuWindow {
  const wallMs = b.at - a.at;
  const shares: CpuShare[] = [];
  let ours = 0;
  for (const [label, pids] of groups) {
    let user = 0;
    let sys = 0;
    for (const pid of pids) {
      const end = b.byPid.get(pid);
      if (!end) continue;
      const start = a.byPid.get(pid) ?? { userMs: 0, sysMs: 0 };
      user += Math.max(0, end.userMs - start.userMs);
      sys += Math.max(0, end.sysMs - start.sysMs);
    }
    ours += user + sys;
    shares.push({ label, cpuMs: user + sys, sysMs: sys, cores: (user + sys) / wallMs });
  }
  const machineBusy = b.machine.busy - a.machine.busy;
  const rest = Math.max(0, machineBusy - ours);
  shares.push({ label: OTHERS, cpuMs: rest, sysMs: Number.NaN, cores: rest / wallMs });
  return { wallMs, shares, machineBusyCores: machineBusy / wallMs };
}

export const OTHERS = 'everything else on the machine (incl. other databases on the shared Postgres)';

export interface PostgresRoles {
  /** Backends connected to the bench's database (workers', the bench's, autovacuum in it). */
  bench: number[];
  /** Server processes that serve every database: postmaster, WAL writer, checkpointer, background writer... */
  server: number[];
  /** Backends of other databases: someone else's load on the shared server. */
  other: number[];
}

/** Sorts the Postgres server's processes by whom they work for. */
export async function postgresRoles(admin: postgres.Sql): Promise<PostgresRoles> {
  const rows = await admin<{ pid: number; datname: string | null; ours: boolean }[]>`
    select pid, datname, datname = current_database() as ours from pg_stat_activity`;
  const byPid = new Map(rows.map((r) => [r.pid, r]));
  const roles: PostgresRoles = { bench: [], server: [], other: [] };
  for (const pid of postgresPids()) {
    const row = byPid.get(pid);
    if (!row || row.datname === null) roles.server.push(pid);
    else if (row.ours) roles.bench.push(pid);
    else roles.other.push(pid);
  }
  return roles;
}

/** The usual groups: the scenario's processes and the Postgres processes working for the bench. */
export function cpuGroups(children: { label: string; pid: number }[], pg: PostgresRoles): Map<string, readonly number[]> {
  return new Map<string, readonly number[]>([
    ...children.map((c): [string, readonly number[]] => [c.label, [c.pid]]),
    ['postgres: backends of the bench database', pg.bench],
    ['postgres: server processes (WAL writer, checkpointer, ...)', pg.server],
    ['bench', [process.pid]],
  ]);
}
