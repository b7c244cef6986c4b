import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from './ports';
import { assertRunning, startProcess } from './processes';
import { waitUntil } from './wait';

export interface RedisServer {
  url: string;
  port: number;
  pid: number;
  /** Stops the server and removes its directory; safe to call twice. */
  stop(): Promise<void>;
}

/**
 * A redis-server of the caller's own (tests that FLUSHALL or restart Redis, the benchmarks):
 * on a free port of 127.0.0.1, in a temporary directory, no persistence, `hz 100` (see STACK.md:
 * hz bounds how late a delayed job starts), `noeviction` as Herald requires.
 */
export async function startRedisServer(options: { hz?: number; port?: number } = {}): Promise<RedisServer> {
  // A given port: a process already told to use it (a test of what happens before Redis is up).
  const port = options.port ?? (await freePort());
  const dir = mkdtempSync(path.join(os.tmpdir(), 'herald-redis-'));
  const server = startProcess({
    label: 'redis-server',
    command: 'redis-server',
    args: ['--port', String(port), '--bind', '127.0.0.1', '--hz', String(options.hz ?? 100), '--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction', '--dir', dir, '--loglevel', 'warning'],
    keepLines: 200,
  });
  const url = `redis://127.0.0.1:${port}`;
  let stopped: Promise<void> | undefined;
  const stop = () =>
    (stopped ??= server.stop(5_000).then(() => rmSync(dir, { recursive: true, force: true })));
  try {
    await waitUntil(
      async () => {
        assertRunning(server);
        return answersPing(url);
      },
      { what: `redis-server on port ${port} to answer`, timeoutMs: 10_000, intervalMs: 50 },
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, port, pid: server.pid, stop };
}

async function answersPing(url: string): Promise<boolean> {
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  // Not listening yet is expected: connect() rejects, and the same error as an event is noise.
  probe.on('error', () => {});
  try {
    await probe.connect();
    return (await probe.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}
