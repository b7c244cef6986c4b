/** Herald's worker processes, and the bench's other Node children (the baseline poller, bare BullMQ). */
import { mkdirSync, readdirSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Redis } from 'ioredis';
import { liveWorkers } from '../../lib/queue/heartbeat';
import { assertRunning, startProcess, waitUntil, type ChildHandle } from '../../scripts/toolkit';
import { PROFILE_DIR, ROOT } from './paths';
import { onTeardown } from './teardown';

export type { ChildHandle };

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

/** A bundled Node process with only the environment given (plus PATH, HOME and production mode), stopped at teardown. */
function spawnNode(label: string, script: string, env: Record<string, string>, nodeArgs: string[] = []): ChildHandle {
  const handle = startProcess({
    label,
    command: process.execPath,
    args: [...nodeArgs, script],
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'production', ...env },
    cwd: ROOT,
    graceMs: 35_000,
  });
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
  const blockedBefore = await blockedClients(redis);
  const workers: ChildHandle[] = [];
  for (let i = 0; i < count; i++) {
    const profile = opts.cpuProfile && i === 0;
    if (profile) mkdirSync(PROFILE_DIR, { recursive: true });
    const args = profile ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [];
    workers.push(spawnNode(`worker-${i + 1}`, bundle, { ...env }, args));
  }
  await waitUntil(
    async () => {
      for (const w of workers) assertRunning(w);
      const started = (await beatingIds()).filter((id) => !before.has(id));
      return started.length >= count;
    },
    { what: `${count} workers to report their heartbeat`, timeoutMs: 30_000 },
  );
  // Then each BullMQ Worker's blocking connection must reach its first wait on its queue (the
  // publish queue and the media queue: two per process).
  await waitUntil(async () => (await blockedClients(redis)) >= blockedBefore + 2 * count, {
    what: `${count} workers to wait on their queues`,
    timeoutMs: 30_000,
    intervalMs: 50,
  });
  return workers;
}

/** Connections of this Redis blocked in a command (BZPOPMIN for an idle BullMQ Worker). */
async function blockedClients(redis: Redis): Promise<number> {
  return Number(/blocked_clients:(\d+)/.exec(await redis.info('clients'))?.[1] ?? Number.NaN);
}

export function startBaselineCron(bundle: string, env: HeraldEnv, concurrency: number): ChildHandle {
  return spawnNode('baseline-cron', bundle, { ...env, BASELINE_CONCURRENCY: String(concurrency) });
}

export function startBareBullmq(bundle: string, redisUrl: string, prefix: string): ChildHandle {
  return spawnNode('bare-bullmq', bundle, { REDIS_URL: redisUrl, BARE_PREFIX: prefix });
}

/** Waits for a child's `{"event":"ready"}` line. */
export async function childReady(handle: ChildHandle, timeoutMs = 20_000): Promise<void> {
  await waitUntil(
    () => {
      assertRunning(handle);
      return handle.output.lines.some((l) => l.includes('"event":"ready"'));
    },
    { what: `${handle.label} to start`, timeoutMs },
  );
}

export function latestProfile(pid: number): string | undefined {
  try {
    const file = readdirSync(PROFILE_DIR).find((f) => f.endsWith('.cpuprofile') && f.includes(`.${pid}.`));
    return file ? path.join(PROFILE_DIR, file) : undefined;
  } catch {
    return undefined;
  }
}