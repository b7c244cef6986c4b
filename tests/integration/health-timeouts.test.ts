import { createServer, type Server, type Socket } from 'node:net';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { waitUntil } from '../support/processes';
import { createTestEnv, type TestEnv } from '../support/test-env';

// A database of this file's own: the test locks its posts table.
let own: TestEnv;
let observer: postgres.Sql;
beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
  own = await createTestEnv('health_timeouts');
  observer = postgres(own.databaseUrl, { max: 1, onnotice: () => {} });
});
afterAll(async () => {
  vi.useRealTimers();
  await observer.end();
  await own.drop();
});

type Health = typeof import('@/lib/health');

/** Herald's health module afresh, configured from `env`. */
async function healthModule(env: Record<string, string>): Promise<Health> {
  vi.resetModules();
  Object.assign(process.env, { DATABASE_URL: own.databaseUrl, QUEUE_PREFIX: own.queuePrefix }, env);
  const mod = await import('@/lib/health');
  await mod.closeHealth();
  return mod;
}

/**
 * Spaces evaluations past the one-second reuse of a report, which lib/health times by Date: the
 * clock jumps forward instead of the test waiting (Date alone is faked, and keeps running).
 */
// Durations are read from performance.now(): the faked Date advances in steps that lag under load.
const nextEvaluation = async () => {
  vi.setSystemTime(Date.now() + 1_100);
};

/** Queries still running (or waiting for a lock) in the test's database, other than the observer's. */
async function runningQueries(): Promise<{ pid: number; query: string }[]> {
  return observer<{ pid: number; query: string }[]>`
    select pid, query from pg_stat_activity
    where datname = current_database() and pid <> pg_backend_pid() and state = 'active'`;
}

/**
 * A Redis that accepts connections and the client's handshake, then never answers a command.
 * It counts, per open connection, the commands left waiting for an answer.
 */
async function silentRedis(): Promise<{ url: string; received: () => number; pending: () => number; open: () => number; close: () => Promise<void> }> {
  const waiting = new Map<Socket, number>();
  let received = 0;
  const info = 'redis_version:7.0.15\r\nloading:0\r\n';
  const answers: Record<string, string> = {
    // ioredis 6 speaks RESP3: HELLO must be answered with a map.
    hello: '%3\r\n+server\r\n+redis\r\n+version\r\n+7.0.15\r\n+proto\r\n:3\r\n',
    client: '+OK\r\n',
    select: '+OK\r\n',
    info: `$${Buffer.byteLength(info)}\r\n${info}\r\n`,
  };
  const server: Server = createServer((socket) => {
    waiting.set(socket, 0);
    socket.on('error', () => {});
    socket.on('close', () => waiting.delete(socket));
    socket.on('data', (data: Buffer) => {
      // Each command is a RESP array whose first bulk string is its name.
      for (const match of data.toString().matchAll(/\*\d+\r\n\$\d+\r\n([A-Za-z]+)\r\n/g)) {
        const answer = answers[match[1]!.toLowerCase()];
        if (answer) socket.write(answer);
        else {
          received++;
          waiting.set(socket, (waiting.get(socket) ?? 0) + 1);
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `redis://127.0.0.1:${port}`,
    received: () => received,
    pending: () => [...waiting.values()].reduce((a, b) => a + b, 0),
    open: () => waiting.size,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of waiting.keys()) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * A server that accepts connections, reads what it is sent and never says a word (a Postgres
 * that hangs). It counts the connections the client has not ended.
 */
async function mutePostgres(): Promise<{ url: string; open: () => number; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.resume();
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `postgres://postgres@127.0.0.1:${port}/herald`,
    open: () => sockets.size,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

describe('health checks that run out of time', () => {
  it('leave no query behind in Postgres when it is slow (a lock on posts)', async () => {
    const { closeHealth, health } = await healthModule({});
    expect((await health()).checks.postgres.ok).toBe(true);

    const locker = postgres(own.databaseUrl, { max: 1, onnotice: () => {} });
    const held = await locker.reserve();
    try {
      await held`begin`;
      await held`lock table posts in access exclusive mode`;
      for (let i = 0; i < 3; i++) {
        await nextEvaluation();
        const started = performance.now();
        const report = await health();
        expect(performance.now() - started).toBeLessThan(3_000);
        // The abandoned query was cancelled: nothing still waits on the lock.
        await waitUntil(async () => (await runningQueries()).length === 0, { what: 'the health query to be gone from Postgres', timeoutMs: 1_000, intervalMs: 50 }).catch(() => undefined);
        expect(await runningQueries()).toEqual([]);
        expect(report.status).toBe('unavailable');
        expect(report.checks.postgres.ok).toBe(false);
      }
    } finally {
      await held`rollback`;
      held.release();
      await locker.end();
    }
    await nextEvaluation();
    expect((await health()).checks.postgres.ok).toBe(true);
    await closeHealth();
  }, 30_000);

  it('leave no connection open to a Postgres that accepts and never answers', async () => {
    const mute = await mutePostgres();
    try {
      const { closeHealth, health } = await healthModule({ DATABASE_URL: mute.url });
      for (let i = 0; i < 3; i++) {
        const started = performance.now();
        const report = await health();
        expect(performance.now() - started).toBeLessThan(3_000);
        expect(report.checks.postgres.ok).toBe(false);
        await waitUntil(async () => mute.open() === 0, { what: 'the connection to close', timeoutMs: 1_000, intervalMs: 20 }).catch(() => undefined);
        expect(mute.open()).toBe(0);
        await nextEvaluation();
      }
      await closeHealth();
    } finally {
      await mute.close();
    }
  }, 30_000);

  it('leave no command pending on a Redis that accepts and never answers', async () => {
    const silent = await silentRedis();
    try {
      const { closeHealth, health } = await healthModule({ REDIS_URL: silent.url });
      for (let i = 0; i < 3; i++) {
        const started = performance.now();
        const sent = silent.received();
        const report = await health();
        // The check really waited on a command Redis never answered, then gave up on time.
        expect(silent.received()).toBeGreaterThan(sent);
        expect(performance.now() - started).toBeGreaterThanOrEqual(1_900);
        expect(performance.now() - started).toBeLessThan(3_000);
        expect(report.checks.redis.ok).toBe(false);
        // Once a check gave up, its connection and the commands waiting on it are gone (the
        // server hears of the close a moment later).
        await waitUntil(async () => silent.open() === 0, { what: 'the connection to close', timeoutMs: 1_000, intervalMs: 20 }).catch(() => undefined);
        expect(silent.pending()).toBe(0);
        expect(silent.open()).toBe(0);
        await nextEvaluation();
      }
      await closeHealth();
    } finally {
      await silent.close();
    }
  }, 30_000);
});
