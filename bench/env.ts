/**
 * The bench's isolated world: its own Postgres database, its own redis-server, the X sandbox as a
 * child process, and Herald worker processes. Everything started here is registered for teardown,
 * which runs on success, on failure and on SIGINT/SIGTERM; children are also SIGKILLed if the
 * bench process exits without tearing down.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { nodeBundleOptions } from '../scripts/bundle-options';
import { Redis } from 'ioredis';
import postgres from 'postgres';
import { migrateDatabase } from '../lib/db/migrate';
import { liveWorkers } from '../lib/queue/heartbeat';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BUILD_DIR = path.join(ROOT, 'bench', '.build');
export const PROFILE_DIR = path.join(ROOT, 'bench', '.prof');

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
/** Wall-clock milliseconds with sub-millisecond precision (the sandbox stamps requests the same way). */
export const preciseNow = () => performance.timeOrigin + performance.now();

export function log(message: string): void {
  const t = new Date().toISOString().slice(11, 23);
  console.log(`[bench ${t}] ${message}`);
}

/** Polls `check` until it returns a value, or throws after `timeoutMs`. */
export async function waitFor<T>(what: string, timeoutMs: number, check: () => Promise<T | undefined> | T | undefined, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== undefined) return v;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const why = lastError instanceof Error ? `: ${lastError.message}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${why}`);
    }
    await sleep(everyMs);
  }
}

// ---- teardown ----------------------------------------------------------------------------------

type Cleanup = { name: string; fn: () => Promise<void> | void };
const cleanups: Cleanup[] = [];
const children = new Set<ChildProcess>();

export function onTeardown(name: string, fn: () => Promise<void> | void): void {
  cleanups.push({ name, fn });
}

/** Runs every registered cleanup, newest first; each is bounded and a failing one does not stop the rest. */
export async function teardown(): Promise<void> {
  while (cleanups.length) {
    const c = cleanups.pop()!;
    try {
      await Promise.race([Promise.resolve(c.fn()), sleep(40_000).then(() => Promise.reject(new Error('timed out')))]);
    } catch (error) {
      console.error(`[bench] teardown of ${c.name} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

process.on('exit', () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** SIGTERM, then SIGKILL if the process has not exited within `graceMs`. */
export async function stopChild(child: ChildProcess, graceMs = 30_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Keeps the last lines a child wrote, for the report and for errors. */
export class LineTail {
  lines: string[] = [];
  private partial = '';
  constructor(private readonly max = 2000) {}
  push(chunk: Buffer): string[] {
    const text = this.partial + chunk.toString('utf8');
    const parts = text.split('\n');
    this.partial = parts.pop() ?? '';
    for (const line of parts) if (line.trim()) this.lines.push(line);
    if (this.lines.length > this.max) this.lines.splice(0, this.lines.length - this.max);
    return parts.filter((l) => l.trim());
  }
}

// ---- bundles -----------------------------------------------------------------------------------

export interface Bundles {
  worker: string;
  sandbox: string;
  baseline: string;
  bare: string;
}

/**
 * Bundles the worker, the X sandbox and the baseline poller from the current sources, with the
 * same esbuild settings as scripts/build.ts (npm run build), into bench/.build/. The bench thus
 * always measures the code in the working tree, and leaves dist/ (which `npm run build` also
 * rebuilds with the Next app) alone. `workerFrom` bundles the worker from another directory.
 */
export async function buildBundles(workerFrom: string = ROOT): Promise<Bundles> {
  mkdirSync(BUILD_DIR, { recursive: true });
  const settings = { outdir: BUILD_DIR, ...nodeBundleOptions } as const;
  await build({
    ...settings,
    absWorkingDir: ROOT,
    entryPoints: { 'x-sandbox': 'x-sandbox/main.ts', 'baseline-cron': 'bench/baseline-cron.ts', 'bare-bullmq': 'bench/bare-bullmq.ts' },
  });
  // The worker may come from another tree (BENCH_WORKER_FROM: a checkout of another commit, to compare).
  await build({ ...settings, absWorkingDir: workerFrom, entryPoints: { worker: 'worker/index.ts' } });
  return {
    worker: path.join(BUILD_DIR, 'worker.js'),
    sandbox: path.join(BUILD_DIR, 'x-sandbox.js'),
    baseline: path.join(BUILD_DIR, 'baseline-cron.js'),
    bare: path.join(BUILD_DIR, 'bare-bullmq.js'),
  };
}

// ---- Redis -------------------------------------------------------------------------------------

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface BenchRedis {
  url: string;
  pid: number;
  client: Redis;
  version: string;
  hz: string;
}

/** A redis-server of the bench's own: `hz 100`, no persistence, nothing else in it. */
export async function startRedis(): Promise<BenchRedis> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'herald-bench-redis-'));
  const child = track(
    spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--hz', '100', '--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction', '--dir', dir, '--loglevel', 'warning'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  const tail = new LineTail(200);
  child.stdout?.on('data', (c: Buffer) => tail.push(c));
  child.stderr?.on('data', (c: Buffer) => tail.push(c));
  onTeardown('redis-server', async () => {
    await stopChild(child, 5_000);
    rmSync(dir, { recursive: true, force: true });
  });
  const url = `redis://127.0.0.1:${port}`;
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => 100 });
  client.on('error', () => {});
  await waitFor('redis-server to answer', 10_000, async () => {
    if (child.exitCode !== null) throw new Error(`redis-server exited: ${tail.lines.join(' | ')}`);
    if (client.status !== 'ready') await client.connect().catch(() => undefined);
    return (await client.ping()) === 'PONG' ? true : undefined;
  });
  onTeardown('redis client', () => client.disconnect());
  const info = await client.info('server');
  const version = /redis_version:(\S+)/.exec(info)?.[1] ?? '?';
  const hz = ((await client.config('GET', 'hz')) as string[])[1] ?? '?';
  return { url, pid: child.pid!, client, version, hz };
}

export async function redisUsedMemory(client: Redis): Promise<number> {
  const info = await client.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? Number.NaN);
}

// ---- Postgres ----------------------------------------------------------------------------------

export interface BenchDatabase {
  url: string;
  name: string;
  version: string;
  /** An admin connection to the bench database (measurements, truncation). */
  sql: postgres.Sql;
}

const BASE_DATABASE_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A database of the bench's own, migrated with Herald's migrations; dropped at teardown. */
export async function createDatabase(runId: string): Promise<BenchDatabase> {
  const name = `herald_bench_${runId}`;
  const url = new URL(BASE_DATABASE_URL);
  url.pathname = `/${name}`;
  onTeardown('database', async () => {
    const admin = postgres(BASE_DATABASE_URL, { max: 1, onnotice: () => {} });
    try {
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
    } finally {
      await admin.end();
    }
  });
  await migrateDatabase(url.toString(), path.join(ROOT, 'drizzle'));
  const sql = postgres(url.toString(), { max: 2, onnotice: () => {} });
  onTeardown('database admin connection', () => sql.end({ timeout: 5 }));
  const [row] = await sql<{ server_version: string }[]>`show server_version`;
  return { url: url.toString(), name, version: row?.server_version ?? '?', sql };
}

// ---- X sandbox ---------------------------------------------------------------------------------

export interface SandboxProcess {
  url: string;
  pid: number;
  control<T = unknown>(method: string, route: string, body?: unknown): Promise<T>;
}

/** The X sandbox as a child process (its own event loop and CPU share, as in production). */
export async function startSandboxChild(bundle: string): Promise<SandboxProcess> {
  const child = track(
    spawn(process.execPath, [bundle], {
      // Minting on: setupAccounts (bench/load.ts) gets thousands of accounts' tokens without the consent page.
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        SANDBOX_PORT: '0',
        SANDBOX_HOST: '127.0.0.1',
        SANDBOX_ALLOW_TOKEN_MINTING: '1',
        NODE_ENV: 'production',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  const tail = new LineTail(200);
  let url: string | undefined;
  child.stdout?.on('data', (chunk: Buffer) => {
    for (const line of tail.push(chunk)) {
      try {
        const parsed = JSON.parse(line) as { url?: unknown };
        if (typeof parsed.url === 'string') url ??= parsed.url;
      } catch {
        // not a JSON line
      }
    }
  });
  child.stderr?.on('data', (c: Buffer) => tail.push(c));
  onTeardown('x-sandbox', () => stopChild(child, 10_000));
  const base = await waitFor('the X sandbox to listen', 15_000, () => {
    if (child.exitCode !== null) throw new Error(`x-sandbox exited: ${tail.lines.join(' | ')}`);
    return url;
  });
  const control = async <T = unknown>(method: string, route: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${base}/__sandbox${route}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(60_000),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`sandbox ${method} ${route}: ${res.status} ${text.slice(0, 300)}`);
    return (text ? JSON.parse(text) : null) as T;
  };
  return { url: base, pid: child.pid!, control };
}

// ---- Herald workers ----------------------------------------------------------------------------

export interface HeraldEnv {
  DATABASE_URL: string;
  REDIS_URL: string;
  QUEUE_PREFIX: string;
  AUTH_SECRET: string;
  ENCRYPTION_KEY: string;
  X_API_URL: string;
  X_AUTHORIZE_URL: string;
  WORKER_CONCURRENCY: string;
  DB_POOL_MAX: string;
  HERALD_SANDBOX: string;
  LOG_LEVEL: string;
}

export function heraldEnv(opts: { databaseUrl: string; redisUrl: string; sandboxUrl: string; concurrency: number; poolMax: number }): HeraldEnv {
  return {
    DATABASE_URL: opts.databaseUrl,
    REDIS_URL: opts.redisUrl,
    QUEUE_PREFIX: 'herald_bench',
    AUTH_SECRET: randomBytes(32).toString('base64url'),
    ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    X_API_URL: opts.sandboxUrl,
    X_AUTHORIZE_URL: `${opts.sandboxUrl}/i/oauth2/authorize`,
    WORKER_CONCURRENCY: String(opts.concurrency),
    DB_POOL_MAX: String(opts.poolMax),
    // Production settings against the sandbox, on purpose.
    HERALD_SANDBOX: '1',
    LOG_LEVEL: 'warn',
  };
}

export interface ChildHandle {
  label: string;
  pid: number;
  child: ChildProcess;
  /** Lines the process wrote (Herald logs JSON at warn and above). */
  output: LineTail;
  stop(): Promise<void>;
}

function spawnNode(label: string, script: string, env: Record<string, string>, nodeArgs: string[] = []): ChildHandle {
  const child = track(
    spawn(process.execPath, [...nodeArgs, script], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'production', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      cwd: ROOT,
    }),
  );
  const output = new LineTail();
  child.stdout?.on('data', (c: Buffer) => output.push(c));
  child.stderr?.on('data', (c: Buffer) => output.push(c));
  let stopped = false;
  const handle: ChildHandle = {
    label,
    pid: child.pid!,
    child,
    output,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await stopChild(child, 35_000);
    },
  };
  onTeardown(label, () => handle.stop());
  return handle;
}

/**
 * Starts `count` worker processes (`node worker.js`) and waits until each has written its
 * heartbeat to Redis, which it does right after creating its BullMQ Worker.
 */
export async function startWorkers(bundle: string, env: HeraldEnv, redis: Redis, count: number, opts: { cpuProfile?: boolean } = {}): Promise<ChildHandle[]> {
  const beatingIds = async () => (await liveWorkers(redis, env.QUEUE_PREFIX)).map((w) => w.id);
  const before = new Set(await beatingIds());
  const workers: ChildHandle[] = [];
  for (let i = 0; i < count; i++) {
    const profile = opts.cpuProfile && i === 0;
    if (profile) mkdirSync(PROFILE_DIR, { recursive: true });
    const args = profile ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [];
    workers.push(spawnNode(`worker-${i + 1}`, bundle, { ...env }, args));
  }
  await waitFor(`${count} workers to report their heartbeat`, 30_000, async () => {
    for (const w of workers) if (w.child.exitCode !== null) throw new Error(`${w.label} exited: ${w.output.lines.slice(-5).join(' | ')}`);
    const started = (await beatingIds()).filter((id) => !before.has(id));
    return started.length >= count ? true : undefined;
  });
  // Let each Worker's blocking connection reach its first wait on the queue.
  await sleep(1_000);
  return workers;
}

export function startBaselineCron(bundle: string, env: HeraldEnv, concurrency: number): ChildHandle {
  return spawnNode('baseline-cron', bundle, { ...env, BASELINE_CONCURRENCY: String(concurrency) });
}

export function startBareBullmq(bundle: string, redisUrl: string, prefix: string): ChildHandle {
  return spawnNode('bare-bullmq', bundle, { REDIS_URL: redisUrl, BARE_PREFIX: prefix });
}

/** Waits for a child's `{"event":"ready"}` line. */
export async function childReady(handle: ChildHandle, timeoutMs = 20_000): Promise<void> {
  await waitFor(`${handle.label} to start`, timeoutMs, () => {
    if (handle.child.exitCode !== null) throw new Error(`${handle.label} exited: ${handle.output.lines.slice(-5).join(' | ')}`);
    return handle.output.lines.some((l) => l.includes('"event":"ready"')) ? true : undefined;
  });
}

/** CLOCK_MONOTONIC in µs, the clock V8's CPU profiles are stamped with. */
export const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);

export function latestProfile(pid: number): string | undefined {
  try {
    const file = readdirSync(PROFILE_DIR).find((f) => f.endsWith('.cpuprofile') && f.includes(`.${pid}.`));
    return file ? path.join(PROFILE_DIR, file) : undefined;
  } catch {
    return undefined;
  }
}

// ---- process and machine accounting ------------------------------------------------------------

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

// ---- a fine-grained look at the rest of the machine ----------------------------------------------

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
      await sleep(50);
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
      await sleep(everyMs);
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
