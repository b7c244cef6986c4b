/**
 * Footprint: Redis and Postgres bytes per scheduled post with many posts scheduled (hours to a
 * month ahead, so nothing becomes due), and the workers' resident memory meanwhile. Measured as
 * the difference from the same, otherwise empty, Redis and tables just before creation.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { log } from '../env/log';
import { processMemory } from '../env/cpu';
import { redisUsedMemory } from '../env/redis';
import { startWorkers, type ChildHandle } from '../env/workers';
import { createPosts, postText, type CreationStats, type PostSpec } from '../load';
import type { BenchContext } from './context';

export interface FootprintOptions {
  count: number;
}

export interface PgSizes {
  postsHeap: number;
  postsIndexes: number;
  postsTotal: number;
  partsHeap: number;
  partsIndexes: number;
  partsTotal: number;
  database: number;
}

export interface RedisKeyClass {
  name: string;
  keys: number;
  bytes: number;
}

export interface FootprintResult {
  options: FootprintOptions;
  creation: CreationStats;
  redisUsedBefore: number;
  redisUsedAfter: number;
  redisKeysBefore: number;
  redisKeysAfter: number;
  /** MEMORY USAGE of every key after creation, by kind (excludes the keyspace's own per-key overhead). */
  redisByKind: RedisKeyClass[];
  pgBefore: PgSizes;
  pgAfter: PgSizes;
  workerRssIdle: number[];
  workerRssLoaded: number[];
  /** One job hash looked at closely: why it takes the bytes it takes. */
  jobHash: JobHashSample | undefined;
}

export interface JobHashSample {
  encoding: string;
  memoryUsage: number;
  fields: { name: string; bytes: number }[];
  /** Redis stores a hash compactly (listpack) only while every value is at most this long. */
  listpackValueLimit: number;
  listpackEntriesLimit: number;
}

/** lib/queue's publishJobId: p<job key base 36>r<revision>. */
const JOB_ID = /^p[0-9a-z]+r\d+$/;

async function jobHashSample(ctx: BenchContext): Promise<JobHashSample | undefined> {
  const client = ctx.redis.client;
  const queue = `${ctx.env.QUEUE_PREFIX}:post-queue:`;
  const [, keys] = await client.scan('0', 'MATCH', `${queue}p*`, 'COUNT', 1000);
  const key = keys.find((k) => JOB_ID.test(k.slice(queue.length)));
  if (!key) return undefined;
  const hash = await client.hgetall(key);
  const config = async (name: string) => Number(((await client.config('GET', name)) as string[])[1]);
  return {
    encoding: String(await client.call('OBJECT', 'ENCODING', key)),
    memoryUsage: Number(await client.call('MEMORY', 'USAGE', key, 'SAMPLES', '0')),
    fields: Object.entries(hash).map(([name, value]) => ({ name, bytes: Buffer.byteLength(value) })),
    listpackValueLimit: await config('hash-max-listpack-value'),
    listpackEntriesLimit: await config('hash-max-listpack-entries'),
  };
}

async function pgSizes(ctx: BenchContext): Promise<PgSizes> {
  const [row] = await ctx.database.sql<PgSizes[]>`
    select pg_relation_size('posts')::float8 as "postsHeap", pg_indexes_size('posts')::float8 as "postsIndexes",
           pg_total_relation_size('posts')::float8 as "postsTotal",
           pg_relation_size('post_parts')::float8 as "partsHeap", pg_indexes_size('post_parts')::float8 as "partsIndexes",
           pg_total_relation_size('post_parts')::float8 as "partsTotal",
           pg_database_size(current_database())::float8 as database`;
  if (!row) throw new Error('no size row');
  return row;
}

function keyKind(key: string, prefix: string): string {
  const queue = `${prefix}:post-queue:`;
  if (key.startsWith(queue)) {
    const rest = key.slice(queue.length);
    if (JOB_ID.test(rest)) return 'job hashes (one per post)';
    if (rest === 'delayed') return 'delayed sorted set';
    if (rest === 'events') return 'events stream (capped by BullMQ)';
    return `other queue keys`;
  }
  return 'other keys (worker heartbeats, ...)';
}

async function redisByKind(ctx: BenchContext): Promise<RedisKeyClass[]> {
  const client = ctx.redis.client;
  const kinds = new Map<string, RedisKeyClass>();
  let cursor = '0';
  do {
    const [next, keys] = await client.scan(cursor, 'COUNT', 2000);
    cursor = next;
    if (keys.length === 0) continue;
    const pipeline = client.pipeline();
    for (const key of keys) pipeline.call('MEMORY', 'USAGE', key, 'SAMPLES', '0');
    const replies = (await pipeline.exec()) ?? [];
    keys.forEach((key, i) => {
      const bytes = Number(replies[i]?.[1] ?? 0);
      const name = keyKind(key, ctx.env.QUEUE_PREFIX);
      const k = kinds.get(name) ?? { name, keys: 0, bytes: 0 };
      k.keys++;
      k.bytes += bytes;
      kinds.set(name, k);
    });
  } while (cursor !== '0');
  return [...kinds.values()].sort((a, b) => b.bytes - a.bytes);
}

export async function runFootprint(ctx: BenchContext, opts: FootprintOptions): Promise<FootprintResult> {
  await ctx.reset();
  const prefix = `hb-footprint-${ctx.runId}`;
  let workers: ChildHandle[] = [];
  try {
    workers = await startWorkers(ctx.bundles.worker, ctx.env, ctx.redis.client, ctx.workerCount);
    // Idle RSS once start-up's garbage has settled.
    await delay(1_000);
    const workerRssIdle = workers.map((w) => processMemory(w.pid).rssBytes);
    const redisUsedBefore = await redisUsedMemory(ctx.redis.client);
    const redisKeysBefore = await ctx.redis.client.dbsize();
    const pgBefore = await pgSizes(ctx);

    const now = Date.now();
    const specs: PostSpec[] = Array.from({ length: opts.count }, (_, i) => ({
      account: ctx.accounts[i % ctx.accounts.length]!,
      text: postText(prefix, i),
      // An hour to 31 days ahead: a realistic spread, and nothing falls due while measuring.
      at: new Date(now + 3_600_000 + Math.floor(ctx.random() * 30 * 86_400_000)),
    }));
    log(`footprint: creating ${opts.count} scheduled posts`);
    const { stats } = await createPosts(specs, ctx.createConcurrency);
    log(`footprint: created in ${(stats.elapsedMs / 1000).toFixed(1)} s (${stats.perSecond.toFixed(0)}/s)`);
    // Let the workers and Redis settle after the creations before measuring.
    await delay(2_000);

    const redisUsedAfter = await redisUsedMemory(ctx.redis.client);
    const redisKeysAfter = await ctx.redis.client.dbsize();
    const pgAfter = await pgSizes(ctx);
    const workerRssLoaded = workers.map((w) => processMemory(w.pid).rssBytes);
    const kinds = await redisByKind(ctx);
    const jobHash = await jobHashSample(ctx);
    return {
      options: opts,
      creation: stats,
      redisUsedBefore,
      redisUsedAfter,
      redisKeysBefore,
      redisKeysAfter,
      redisByKind: kinds,
      pgBefore,
      pgAfter,
      workerRssIdle,
      workerRssLoaded,
      jobHash,
    };
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
  }
}
