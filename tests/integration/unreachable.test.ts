import { spawn } from 'node:child_process';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { freePort } from '../../scripts/toolkit';
import { spawnWorker, startRedisServer, stopWorkers, waitUntil, type ChildHandle } from '../support/processes';
import { createTestEnv, type TestEnv } from '../support/test-env';

// Each case points Herald at a port nothing listens on (taken free, then left closed), and looks
// at what a person starting it would see.
let own: TestEnv;
let closedPort: number;
const workers: ChildHandle[] = [];

beforeAll(async () => {
  own = await createTestEnv('unreachable');
  closedPort = await freePort();
});
afterEach(async () => {
  await stopWorkers(workers.splice(0));
});
afterAll(async () => {
  await own.drop();
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a Herald command to its end; one that would not stop by itself is killed after `timeoutMs` (code null). */
function run(args: string[], env: Record<string, string>, timeoutMs = 20_000): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
      env: { ...process.env, LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: timeoutMs,
      killSignal: 'SIGKILL',
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

const lines = (text: string) => text.split('\n').filter(Boolean);

describe('Postgres unreachable', () => {
  const cases: [string, string[]][] = [
    ['npm run db:migrate', ['scripts/migrate.ts']],
    ['the worker', ['worker/index.ts']],
    ['npm run dev', ['scripts/run.ts', 'dev']],
    ['npm start', ['scripts/run.ts', 'start']],
  ];
  it.each(cases)('%s stops with exit code 1 and one line naming the address and how to start Postgres', async (_name, args) => {
    const databaseUrl = `postgres://postgres@127.0.0.1:${closedPort}/herald`;
    const result = await run(args, { DATABASE_URL: databaseUrl, REDIS_URL: own.redisUrl, QUEUE_PREFIX: own.queuePrefix, HERALD_SANDBOX: '1' });
    expect(result.code).toBe(1);
    expect(lines(result.stderr)).toEqual([
      `Postgres is not reachable at 127.0.0.1:${closedPort} (ECONNREFUSED): start it (\`docker compose up -d postgres redis\`) or set DATABASE_URL to a running server`,
    ]);
    expect(result.stdout).toBe('');
  });
});

describe('Redis unreachable', () => {
  it('the worker says so in one line, retries quietly with growing waits, and carries on once Redis is there', async () => {
    const port = await freePort();
    const worker = spawnWorker({ DATABASE_URL: own.databaseUrl, REDIS_URL: `redis://127.0.0.1:${port}`, QUEUE_PREFIX: own.queuePrefix, LOG_LEVEL: 'debug' });
    workers.push(worker);
    const entries = () =>
      worker.output.lines.map((line) => JSON.parse(line) as { level: number; event?: string; msg: string; attempt?: number; delayMs?: number });
    // Debug lines count each reconnection: wait for a few rounds of them, however long they take.
    await waitUntil(() => entries().some((e) => e.event === 'redis_reconnecting' && (e.attempt ?? 0) >= 5), { what: 'five reconnection attempts', timeoutMs: 30_000 });

    const said = entries().filter((e) => e.level >= 30);
    expect(said.map((e) => e.event)).toEqual(['redis_unreachable']);
    expect(said[0]!.msg).toBe(
      `Redis is not reachable at 127.0.0.1:${port}: start it (\`docker compose up -d postgres redis\`) or set REDIS_URL; retrying quietly, up to every 10 s`,
    );
    // Backoff: one connection's waits grow.
    const waits = entries().filter((e) => e.event === 'redis_reconnecting').map((e) => ({ attempt: e.attempt!, delayMs: e.delayMs! }));
    expect(waits.find((w) => w.attempt === 1)!.delayMs).toBeLessThan(waits.find((w) => w.attempt === 5)!.delayMs);

    const redis = await startRedisServer({ port });
    try {
      await waitUntil(() => entries().some((e) => e.event === 'worker_started'), { what: 'the worker to start', timeoutMs: 30_000 });
      expect(entries().filter((e) => e.level >= 30).map((e) => e.event)).toEqual(['redis_unreachable', 'redis_reachable', 'worker_started']);
    } finally {
      await stopWorkers(workers.splice(0));
      await redis.stop();
    }
  }, 90_000);
});

describe('/api/health', () => {
  it('names the store that does not answer', async () => {
    const report = async (env: Record<string, string>) => {
      vi.resetModules();
      const saved = { ...process.env };
      Object.assign(process.env, { DATABASE_URL: own.databaseUrl, QUEUE_PREFIX: own.queuePrefix }, env);
      try {
        const { closeHealth, health, healthView } = await import('@/lib/health');
        const view = healthView(await health(), 'public');
        await closeHealth();
        return view;
      } finally {
        process.env = saved;
      }
    };
    const noRedis = await report({ REDIS_URL: `redis://127.0.0.1:${closedPort}` });
    expect(noRedis).toMatchObject({ status: 'unavailable', checks: { postgres: 'ok', redis: 'down' } });
    const noPostgres = await report({ DATABASE_URL: `postgres://postgres@127.0.0.1:${closedPort}/herald` });
    expect(noPostgres).toMatchObject({ status: 'unavailable', checks: { postgres: 'down', redis: 'ok' } });
  });
});
