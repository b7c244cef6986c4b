import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { Teardown, freePort, seededRandom, startProcess, startRedisServer, waitUntil } from '../../scripts/toolkit';

describe('waitUntil', () => {
  it('returns the first truthy value', async () => {
    let calls = 0;
    expect(await waitUntil(() => ++calls >= 3 && calls, { what: 'three calls', timeoutMs: 1_000, intervalMs: 1 })).toBe(3);
  });

  it('times out saying what it waited for and what it last saw', async () => {
    await expect(waitUntil(() => false, { what: 'the impossible', timeoutMs: 50, intervalMs: 10, detail: () => 'more' })).rejects.toThrow(
      /^timed out after 50 ms waiting for the impossible \(last check: false\)\nmore$/,
    );
  });

  it('stops at once when the predicate throws', async () => {
    const started = Date.now();
    const dead = () => {
      throw new Error('dead');
    };
    await expect(waitUntil(dead, { what: 'x', timeoutMs: 5_000 })).rejects.toThrow('dead');
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});

describe('Teardown', () => {
  it('runs steps newest first, once, and goes on past a failing or hanging step', async () => {
    const ran: string[] = [];
    const failures: string[] = [];
    const teardown = new Teardown({ stepTimeoutMs: 50, report: (name) => failures.push(name) });
    teardown.add('first', () => ran.push('first'));
    teardown.add('hangs', () => new Promise(() => {}));
    teardown.add('fails', () => {
      throw new Error('boom');
    });
    teardown.add('last', async () => ran.push('last'));
    await Promise.all([teardown.run(), teardown.run()]);
    await teardown.run();
    expect(ran).toEqual(['last', 'first']);
    expect(failures).toEqual(['fails', 'hangs']);
  });
});

describe('processes', () => {
  it('stop() sends SIGTERM, then SIGKILL to a child that ignores it', async () => {
    const child = startProcess({
      label: 'stubborn',
      command: process.execPath,
      args: ['-e', "process.on('SIGTERM', () => console.log('ignoring SIGTERM')); console.log('up'); setInterval(() => {}, 1000);"],
    });
    await waitUntil(() => child.output.lines.includes('up'), { what: 'the child to start', timeoutMs: 10_000, intervalMs: 10 });
    await child.stop(200);
    expect(child.child.signalCode).toBe('SIGKILL');
    expect(child.output.lines).toContain('ignoring SIGTERM');
  });

  it('freePort gives a port that can be listened on', async () => {
    const port = await freePort();
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    await new Promise((resolve) => server.close(resolve));
  });

  it('startRedisServer answers on its own port until stopped', async () => {
    const redis = await startRedisServer();
    const client = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => {});
    await client.connect();
    expect(await client.config('GET', 'hz')).toEqual(['hz', '100']);
    client.disconnect();
    await redis.stop();
    await redis.stop();
    const after = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    after.on('error', () => {});
    await expect(after.connect()).rejects.toThrow();
  });
});

describe('seededRandom', () => {
  it('repeats its sequence for a seed, and differs for another', () => {
    const take = (seed: number) => Array.from({ length: 5 }, seededRandom(seed));
    expect(take(42)).toEqual(take(42));
    expect(take(42)).not.toEqual(take(43));
    expect(take(42).every((x) => x >= 0 && x < 1)).toBe(true);
  });
});
