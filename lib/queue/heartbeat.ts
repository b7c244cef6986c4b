import { hostname } from 'node:os';
import type { Redis } from 'ioredis';
import { config } from '../config';

const BEAT_EVERY_MS = 5_000;
/** A worker silent for this long is taken for dead. */
const BEAT_TTL_MS = 15_000;

const keyPrefix = () => `${config().queuePrefix}:herald:worker:`;

export interface WorkerBeat {
  id: string;
  host: string;
  pid: number;
  startedAt: string;
  concurrency: number;
  /** Jobs running at the time of the beat. */
  active: number;
}

/**
 * Each worker process says it is alive and consuming, every few seconds, with a key that
 * expires on its own: a crashed or frozen worker disappears from the list within the TTL.
 */
export function startHeartbeat(redis: Redis, info: { concurrency: number; active: () => number }): () => Promise<void> {
  const id = `${hostname()}-${process.pid}-${Date.now().toString(36)}`;
  const startedAt = new Date().toISOString();
  const key = keyPrefix() + id;
  const beat = () => {
    const value: WorkerBeat = { id, host: hostname(), pid: process.pid, startedAt, concurrency: info.concurrency, active: info.active() };
    return redis.set(key, JSON.stringify(value), 'PX', BEAT_TTL_MS).catch(() => undefined);
  };
  void beat();
  const timer = setInterval(() => void beat(), BEAT_EVERY_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await redis.del(key).catch(() => undefined);
  };
}

export async function liveWorkers(redis: Redis): Promise<WorkerBeat[]> {
  const beats: WorkerBeat[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${keyPrefix()}*`, 'COUNT', 500);
    cursor = next;
    if (keys.length) {
      for (const value of await redis.mget(...keys)) if (value) beats.push(JSON.parse(value) as WorkerBeat);
    }
  } while (cursor !== '0');
  return beats;
}
