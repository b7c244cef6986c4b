import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import type { Redis } from 'ioredis';
import { config } from '../config';

/** Beats a worker may miss before it is taken for dead. */
const BEATS_BEFORE_DEATH = 3;
/** How long a stopping worker waits for Redis to forget it: a dead Redis must not hold up the shutdown. */
const FAREWELL_TIMEOUT_MS = 1_000;

/** A worker silent for this long is taken for dead. The worker and its healthcheck read the same setting. */
export function beatTtlMs(): number {
  return config().workerHeartbeatMs * BEATS_BEFORE_DEATH;
}

/**
 * Every worker's beat lives in one hash under the queue prefix, a field per worker process, so
 * reading them all is one HGETALL whose cost grows with the workers, never with the keyspace.
 * (Under Redis Cluster the prefix's hash tag keeps it on the queue's node.)
 */
function heartbeatKey(prefix: string = config().queuePrefix): string {
  return `${prefix}:herald:workers`;
}

export interface WorkerBeat {
  id: string;
  host: string;
  pid: number;
  startedAt: string;
  concurrency: number;
  /** Jobs running at the time of the beat. */
  active: number;
  /** When the beat was written, by the worker's clock. */
  beatAt: string;
  /** How long the beat stands: readers ignore it afterwards, whatever their own setting. */
  ttlMs: number;
}

export interface HeartbeatOptions {
  concurrency: number;
  active: () => number;
  /** False while the process is not taking jobs: it then says nothing, and goes stale. */
  consuming?: () => boolean;
  /**
   * A file touched after each beat Redis took: the container's healthcheck reads its age
   * (scripts/worker-health.ts). Removed when the heartbeat stops.
   */
  aliveFile?: string;
}

/** Writes one beat; false when Redis did not take it. */
async function writeBeat(redis: Redis, key: string, beat: WorkerBeat): Promise<boolean> {
  try {
    // The hash expires with the last beat, so a fleet that died entirely leaves nothing behind.
    const replies = await redis.multi().hset(key, beat.id, JSON.stringify(beat)).pexpire(key, beat.ttlMs).exec();
    return Boolean(replies) && replies!.every(([error]) => !error);
  } catch {
    return false;
  }
}

/** Waits for `work` at most `ms`; the caller drops the connection afterwards, which drops the command. */
async function atMost(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeUp = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  try {
    await Promise.race([work.catch(() => undefined), timeUp]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Each worker process says it is alive and consuming, every few seconds, in the workers' hash
 * (and its alive file, if given). A crashed or frozen worker stops beating and is ignored once
 * its beat is older than its TTL; readers prune it.
 */
export function startHeartbeat(redis: Redis, info: HeartbeatOptions): () => Promise<void> {
  // Unique even for two heartbeats started in one process in the same millisecond (tests, benches).
  const id = `${hostname()}-${process.pid}-${randomBytes(4).toString('hex')}`;
  const startedAt = new Date().toISOString();
  const key = heartbeatKey();
  const ttlMs = beatTtlMs();
  // A file left by an earlier process (a restarted container keeps /tmp) must not speak for this one.
  if (info.aliveFile) rmSync(info.aliveFile, { force: true });
  let stopped = false;
  let pending = false;
  let touching: Promise<void> | undefined;

  const beat = async () => {
    // One beat at a time: while Redis is down, beats must not queue up on the connection.
    if (pending || stopped || (info.consuming && !info.consuming())) return;
    pending = true;
    try {
      const value: WorkerBeat = { id, host: hostname(), pid: process.pid, startedAt, concurrency: info.concurrency, active: info.active(), beatAt: new Date().toISOString(), ttlMs };
      const taken = await writeBeat(redis, key, value);
      // A write failure leaves the file to age: the healthcheck then reports it, which is the point.
      if (taken && !stopped && info.aliveFile) {
        touching = writeFile(info.aliveFile, `${value.beatAt} ${process.pid}\n`).catch(() => undefined);
        await touching;
      }
    } finally {
      pending = false;
    }
  };
  void beat();
  const timer = setInterval(() => void beat(), config().workerHeartbeatMs);
  timer.unref();

  return async () => {
    stopped = true;
    clearInterval(timer);
    // The file first, once a write in progress has landed (or it would bring the file back): a
    // stopping worker no longer consumes, whatever happens to Redis next.
    await touching;
    if (info.aliveFile) await unlink(info.aliveFile).catch(() => undefined);
    await atMost(redis.hdel(key, id), FAREWELL_TIMEOUT_MS);
  };
}

function parseBeat(raw: string): WorkerBeat | undefined {
  try {
    const beat = JSON.parse(raw) as Partial<WorkerBeat>;
    return typeof beat.beatAt === 'string' && typeof beat.ttlMs === 'number' ? (beat as WorkerBeat) : undefined;
  } catch {
    return undefined;
  }
}

/** Deletes each field only if it still holds the stale value read: a worker that beat meanwhile stays. */
const PRUNE_SCRIPT = `
local removed = 0
for i = 1, #ARGV, 2 do
  if redis.call('HGET', KEYS[1], ARGV[i]) == ARGV[i + 1] then
    removed = removed + redis.call('HDEL', KEYS[1], ARGV[i])
  end
end
return removed`;

/**
 * The workers whose last beat is within its TTL: one HGETALL, plus one small script when stale
 * beats are there to prune. Beat times are the workers' clocks; the TTL (three beats) absorbs
 * the skew of NTP-synchronised hosts.
 */
export async function liveWorkers(redis: Redis, prefix: string = config().queuePrefix): Promise<WorkerBeat[]> {
  const key = heartbeatKey(prefix);
  const now = Date.now();
  const live: WorkerBeat[] = [];
  const stale: string[] = [];
  for (const [field, raw] of Object.entries(await redis.hgetall(key))) {
    const beat = parseBeat(raw);
    if (beat && now - Date.parse(beat.beatAt) <= beat.ttlMs) live.push(beat);
    else stale.push(field, raw);
  }
  // Best effort: a reader that cannot write (a replica, a timeout) still gets its answer.
  if (stale.length) await redis.eval(PRUNE_SCRIPT, 1, key, ...stale).catch(() => undefined);
  return live;
}
