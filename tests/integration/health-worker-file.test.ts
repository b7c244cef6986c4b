import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { spawnWorker, startRedisServer, stopWorkers, waitUntil, waitForWorkerStart, type ChildHandle } from '../support/processes';
import { createTestEnv, type TestEnv } from '../support/test-env';

// The worker gets a database of its own (its scheduler must not touch other files' posts) and a
// Redis of its own, which the test stops.
let own: TestEnv;
let dir: string;
const workers: ChildHandle[] = [];
const BEAT_MS = 200;

beforeAll(async () => {
  own = await createTestEnv('health_worker');
  dir = mkdtempSync(path.join(tmpdir(), 'herald-health-file-'));
});
afterEach(async () => {
  await stopWorkers(workers.splice(0));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await own.drop();
});

function workerEnv(redisUrl: string, file: string): Record<string, string> {
  return { DATABASE_URL: own.databaseUrl, REDIS_URL: redisUrl, QUEUE_PREFIX: own.queuePrefix, WORKER_HEALTH_FILE: file, WORKER_HEARTBEAT_MS: String(BEAT_MS) };
}

/** Runs the healthcheck as the container does, with the worker's environment. */
function healthcheck(env: Record<string, string>): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'scripts/worker-health.ts'], { env: { ...process.env, ...env }, timeout: 20_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, output: `${stdout}${stderr}` });
    });
  });
}

async function liveWorkerCount(redisUrl: string): Promise<number> {
  const { liveWorkers } = await import('@/lib/queue/heartbeat');
  const redis = new Redis(redisUrl);
  try {
    return (await liveWorkers(redis, own.queuePrefix)).length;
  } finally {
    redis.disconnect();
  }
}

async function startConsumingWorker(env: Record<string, string>): Promise<ChildHandle> {
  const worker = spawnWorker(env);
  workers.push(worker);
  await waitForWorkerStart(worker);
  await waitUntil(async () => existsSync(env.WORKER_HEALTH_FILE!), { what: 'the alive file', timeoutMs: 5_000, intervalMs: 50 });
  return worker;
}

describe("the worker's container healthcheck", () => {
  it('passes while the worker consumes, fails once its Redis is gone, and the file goes on SIGTERM', async () => {
    const redis = await startRedisServer();
    const env = workerEnv(redis.url, path.join(dir, 'alive-1'));
    let redisStopped = false;
    try {
      const worker = await startConsumingWorker(env);
      const fresh = await healthcheck(env);
      expect(fresh).toMatchObject({ code: 0, output: expect.stringContaining('worker consuming') });
      expect(await liveWorkerCount(redis.url)).toBe(1);

      redisStopped = true;
      await redis.stop();
      const stale = await waitUntil(async () => {
        const result = await healthcheck(env);
        return result.code !== 0 && result;
      }, { what: 'the healthcheck to fail', timeoutMs: 10_000, intervalMs: 100 });
      expect(stale.code).toBe(1);
      expect(stale.output.trim().split('\n')).toHaveLength(1);
      expect(stale.output).toMatch(/last heartbeat [\d.]+s ago/);
      // Still running: the process exists, but it is not consuming.
      expect(worker.child.exitCode).toBeNull();

      worker.child.kill('SIGTERM');
      await waitUntil(async () => !existsSync(env.WORKER_HEALTH_FILE!), { what: 'the alive file to go', timeoutMs: 3_000, intervalMs: 50 }).catch((error: Error) => {
        throw new Error(`${error.message}; the worker said:\n${worker.output.text()}`);
      });
      expect((await healthcheck(env)).output).toContain('no heartbeat file');
    } finally {
      // (stop() twice would wait for a second exit.)
      if (!redisStopped) await redis.stop();
    }
  }, 60_000);

  it('on SIGTERM with Redis up, removes the file and the Redis heartbeat, and exits 0', async () => {
    const redis = await startRedisServer();
    const env = workerEnv(redis.url, path.join(dir, 'alive-2'));
    try {
      const worker = await startConsumingWorker(env);
      expect(await liveWorkerCount(redis.url)).toBe(1);
      worker.child.kill('SIGTERM');
      expect(await worker.exited).toBe(0);
      expect(existsSync(env.WORKER_HEALTH_FILE!)).toBe(false);
      expect(await liveWorkerCount(redis.url)).toBe(0);
      const probe = new Redis(redis.url);
      expect(await probe.keys(`${own.queuePrefix}:herald:worker*`)).toEqual([]);
      probe.disconnect();
      expect((await healthcheck(env)).code).toBe(1);
    } finally {
      await redis.stop();
    }
  }, 60_000);
});
