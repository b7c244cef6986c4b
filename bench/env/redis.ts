import { Redis } from 'ioredis';
import { startRedisServer } from '../../scripts/toolkit';
import { onTeardown } from './teardown';

export interface BenchRedis {
  url: string;
  pid: number;
  client: Redis;
  version: string;
  hz: string;
}

/** A redis-server of the bench's own (the toolkit's: `hz 100`, no persistence), with nothing else in it. */
export async function startRedis(): Promise<BenchRedis> {
  const server = await startRedisServer({ hz: 100 });
  onTeardown('redis-server', () => server.stop());
  const client = new Redis(server.url, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => 100 });
  client.on('error', () => {});
  await client.connect();
  onTeardown('redis client', () => client.disconnect());
  const info = await client.info('server');
  const version = /redis_version:(\S+)/.exec(info)?.[1] ?? '?';
  const hz = ((await client.config('GET', 'hz')) as string[])[1] ?? '?';
  return { url: server.url, pid: server.pid, client, version, hz };
}

export async function redisUsedMemory(client: Redis): Promise<number> {
  const info = await client.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? Number.NaN);
}
