import { randomBytes } from 'node:crypto';
import { createTestEnv } from './support/test-env';

/**
 * Vitest's run gets a database and Redis prefix of its own; test files see them through the
 * same environment variables Herald reads, so the code under test is configured as in production.
 */
export default async function setup() {
  const env = await createTestEnv('unit');
  Object.assign(process.env, {
    DATABASE_URL: env.databaseUrl,
    REDIS_URL: env.redisUrl,
    QUEUE_PREFIX: env.queuePrefix,
    AUTH_SECRET: randomBytes(32).toString('base64url'),
    ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    PUBLISH_RETRY_BASE_MS: '200',
  });
  return () => env.drop();
}
