/** A fine-grained look at the rest of the machine while a scenario runs. */
import { readFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import postgres from 'postgres';
import { OTHERS, cpuBetween, cpuGroups, cpuSnapshot, postgresPids, postgresRoles, type PostgresRoles } from './cpu';

export interface MachineSample {
  /** Wall-clock ms at the end of the interval. */
  at: number;
  /** Cores used over the interval by processes that are not the bench's. */
  otherCores: number;
  /** Backends of other databases on the shared Postgres server that were running a statement. */
  otherDbActive: number;
  /** WAL written by the whole Postgres server over the interval (every database). */
  walBytes: number;
  /** Time (ms) in the interval during which some task on the machine was stalled on I/O (PSI). */
  ioStallMs: number;
  /** Major page faults on the whole machine over the interval (pages read back from disk). */
  majorFaults: number;
}

export interface CommitProbe {
  /** Wall-clock ms when the commit returned. */
  at: number;
  ms: number;
}

/** Total µs during which some task on the machine was stalled on I/O (Linux PSI, /proc/pressure/io). */
export function ioPressureSomeUs(): number {
  try {
    const line = readFileSync('/proc/pressure/io', 'utf8').split('\n')[0] ?? '';
    return Number(/total=(\d+)/.exec(line)?.[1] ?? Number.NaN);
  } catch {
    return Number.NaN;
  }
}

function majorFaults(): number {
  try {
    return Number(/^pgmajfault (\d+)/m.exec(readFileSync('/proc/vmstat', 'utf8'))?.[1] ?? Number.NaN);
  } catch {
    return Number.NaN;
  }
}

/**
 * Samples, every `everyMs`, how much CPU processes other than the bench's took (other databases'
 * Postgres backends included) and what the rest of the shared Postgres server was doing, so that
 * a short stall can be told from Herald's own.
 */
export function startMachineMonitor(
  children: { label: string; pid: number }[],
  admin: postgres.Sql,
  databaseUrl: string,
  everyMs = 250,
): { stop(): Promise<{ samples: MachineSample[]; commits: CommitProbe[] }> } {
  const samples: MachineSample[] = [];
  // A commit every 50 ms on a connection of its own: does a transaction that commits stall now?
  const commits: CommitProbe[] = [];
  const probe = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  let probing = true;
  const probeLoop = (async () => {
    while (probing) {
      const t = performance.now();
      try {
        await probe`select txid_current()`;
        commits.push({ at: Date.now(), ms: performance.now() - t });
      } catch {
        // the sample is lost
      }
      await delay(50);
    }
    await probe.end({ timeout: 5 });
  })();
  const tracked = () => [...children.map((c) => c.pid), process.pid, ...postgresPids()];
  let previous = cpuSnapshot(tracked());
  let previousLsn: string | undefined;
  let previousIo = ioPressureSomeUs();
  let previousFaults = majorFaults();
  let running = true;
  const loop = (async () => {
    while (running) {
      await delay(everyMs);
      const now = cpuSnapshot(tracked());
      const io = ioPressureSomeUs();
      const faults = majorFaults();

      let otherDbActive = Number.NaN;
      let walBytes = Number.NaN;
      let roles: PostgresRoles | undefined;
      try {
        roles = await postgresRoles(admin);
        const [row] = await admin<{ active: number; lsn: string }[]>`
          select (select count(*)::int from pg_stat_activity
                  where datname is not null and datname <> current_database() and state = 'active') as active,
                 pg_current_wal_insert_lsn()::text as lsn`;
        otherDbActive = row?.active ?? Number.NaN;
        if (row && previousLsn) {
          const [d] = await admin<{ bytes: number }[]>`select pg_wal_lsn_diff(${row.lsn}::pg_lsn, ${previousLsn}::pg_lsn)::float8 as bytes`;
          walBytes = d?.bytes ?? Number.NaN;
        }
        previousLsn = row?.lsn ?? previousLsn;
      } catch {
        // keep sampling the CPU
      }
      const groups = cpuGroups(children, roles ?? { bench: [], server: [], other: [] });
      const share = cpuBetween(previous, now, groups).shares.find((s) => s.label === OTHERS);
      previous = now;
      samples.push({
        at: Date.now(),
        otherCores: share?.cores ?? Number.NaN,
        otherDbActive,
        walBytes,
        ioStallMs: (io - previousIo) / 1000,
        majorFaults: faults - previousFaults,
      });
      previousIo = io;
      previousFaults = faults;
    }
  })();
  return {
    async stop() {
      running = false;
      probing = false;
      await Promise.all([loop, probeLoop]);
      return { samples, commits };
    },
  };
}
