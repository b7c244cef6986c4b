import 'server-only';
import { Redis } from 'ioredis';
import { config } from '../config';

/**
 * `blocking` connections (workers) must wait for Redis however long it takes;
 * producers in the web app fail fast instead, so a request never hangs on a dead Redis.
 */
export function redisConnection(kind: 'blocking' | 'producer'): Redis {
  return new Redis(config().redisUrl, {
    maxRetriesPerRequest: kind === 'blocking' ? null : 1,
    enableOfflineQueue: kind === 'blocking',
    connectTimeout: 5_000,
  });
}
