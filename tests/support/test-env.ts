import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import postgres from 'postgres';
import { migrateDatabase } from '../../lib/db/migrate';

export interface TestEnv {
  databaseUrl: string;
  redisUrl: string;
  queuePrefix: string;
  /** Drops the database and every Redis key this run made. */
  drop(): Promise<void>;
}

const BASE_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A database and a Redis key prefix of this run's own, so parallel runs never collide. */
export async function createTestEnv(label: string): Promise<TestEnv> {
  const id = `${label}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const url = new URL(BASE_DATABASE_URL);
  url.pathname = `/herald_test_${id}`;
  const databaseUrl = url.toString();
  const queuePrefix = `herald_test_${id}`;
  await migrateDatabase(databaseUrl);
  return {
    databaseUrl,
    redisUrl: REDIS_URL,
    queuePrefix,
    async drop() {
      const admin = postgres(BASE_DATABASE_URL, { max: 1, onnotice: () => {} });
      try {
        await admin.unsafe(`drop database if exists "herald_test_${id}" with (force)`);
      } finally {
        await admin.end();
      }
      // Test files may queue under sub-prefixes of this one (isolateQueue): take them all.
      await deleteKeys(REDIS_URL, `${queuePrefix}*`);
    },
  };
}

export async function deleteKeys(redisUrl: string, pattern: string): Promise<void> {
  const redis = new Redis(redisUrl);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/**
 * Gives a test file a queue of its own within the run's prefix, so that worker processes it
 * starts never pick up jobs another file left behind. Call before Herald's config is first read.
 */
export function isolateQueue(label: string): void {
  process.env.QUEUE_PREFIX = `${process.env.QUEUE_PREFIX ?? 'herald_test'}_${label}`;
}
