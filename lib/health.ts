import { DrizzleQueryError, and, count, inArray, isNull, lte, min, or, sql } from 'drizzle-orm';
import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import { Redis } from 'ioredis';
import postgres from 'postgres';
import { config } from './config';
import { posts, publishingState } from './db/schema';
import { liveWorkers } from './queue/heartbeat';

/** Posts due longer than this, with workers alive, mean publishing is stuck. */
const STUCK_LAG_MS = 5 * 60_000;
/** Grace for a post that just fell due (the delayed job is about to run). */
const DUE_GRACE_MS = 60_000;
/** A check that has not answered by then counts as down, and its work is abandoned. */
const CHECK_TIMEOUT_MS = 2_000;
/**
 * Postgres ends the health query itself a little before the check gives up, so a slow query (a
 * lock, a busy server) is cancelled on the server and leaves the connection reusable.
 */
const STATEMENT_TIMEOUT_MS = CHECK_TIMEOUT_MS - 250;
/** A report is reused this long: a flood of calls costs one evaluation a second at most. */
const REUSE_MS = 1_000;

export type HealthStatus = 'ok' | 'degraded' | 'unavailable';
export type CheckName = 'postgres' | 'redis' | 'workers' | 'backlog';
const CHECK_NAMES: readonly CheckName[] = ['postgres', 'redis', 'workers', 'backlog'];

interface Check {
  ok: boolean;
  error?: string;
}

export interface HealthReport {
  /**
   * unavailable: a store is down or due posts are not going out; degraded: no worker with nothing
   * due yet, or an admin paused publishing (due posts then wait, as asked).
   */
  status: HealthStatus;
  /** Whether the web app can do its job: false only when unavailable (HTTP 503). */
  ok: boolean;
  checkedAt: string;
  checks: { postgres: Check; redis: Check; workers: Check & { alive?: number }; backlog: Check & { due?: number; oldestDueLagSeconds?: number; paused?: true } };
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: string };
interface Backlog {
  due: number;
  oldestDueLagSeconds: number;
  /** An admin paused publishing (lib/admin/pause): posts due meanwhile wait on purpose. */
  paused: boolean;
}

/**
 * The health probe's own connections: one Postgres connection and one Redis connection, apart from
 * the app's pools, so that a check never waits behind the app's work nor takes a slot from it, and
 * so that giving up on a check can throw its connection away with whatever was pending on it.
 * Kept on globalThis like the app's pools, so Next's dev reloads don't leak them.
 */
interface Probe {
  pg?: { sql: postgres.Sql; db: PostgresJsDatabase };
  redis?: Redis;
  inFlight?: Promise<HealthReport>;
  last?: { at: number; report: HealthReport };
}
const holder = globalThis as unknown as { heraldHealth?: Probe };
const probe = (): Probe => (holder.heraldHealth ??= {});

function healthPg(): NonNullable<Probe['pg']> {
  const p = probe();
  if (!p.pg) {
    const sql = postgres(config().databaseUrl, {
      max: 1,
      connect_timeout: Math.ceil(CHECK_TIMEOUT_MS / 1000),
      idle_timeout: 60,
      fetch_types: false,
      onnotice: () => {},
      connection: { application_name: 'herald-health', statement_timeout: STATEMENT_TIMEOUT_MS },
    });
    p.pg = { sql, db: drizzle(sql) };
  }
  return p.pg;
}

/**
 * Destroys a Postgres connection at once: its pending query fails here, and the server's
 * statement timeout ends it there. (postgres.js's query.cancel() is not used: when Postgres
 * cannot be reached, its cancel request rejects a promise nobody holds, an unhandled rejection.)
 */
function forgetPg(pg: NonNullable<Probe['pg']>): void {
  const p = probe();
  if (p.pg === pg) p.pg = undefined;
  void pg.sql.end({ timeout: 0 }).catch(() => undefined);
}

function healthRedis(): Redis {
  const p = probe();
  // Closed (Redis restarted, or its idle timeout): open a new one rather than report a stale failure.
  if (p.redis?.status === 'end') p.redis = undefined;
  if (!p.redis) {
    const redis = new Redis(config().redisUrl, {
      connectTimeout: CHECK_TIMEOUT_MS,
      commandTimeout: CHECK_TIMEOUT_MS,
      // No retries and no reconnection: a failed check drops this connection, the next opens another.
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    // The check reports failures itself; an unhandled 'error' event would crash the process.
    redis.on('error', () => {});
    p.redis = redis;
  }
  return p.redis;
}

/** Closes a Redis connection and, with it, every command still waiting for Redis's answer. */
function forgetRedis(redis: Redis): void {
  const p = probe();
  if (p.redis === redis) p.redis = undefined;
  redis.disconnect();
}

/**
 * The failure's own words. Drizzle wraps a driver's error in one whose message is the SQL and its
 * parameters; the cause says what went wrong (ECONNREFUSED, a timeout, a missing table).
 */
function failureText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error instanceof DrizzleQueryError && error.cause instanceof Error ? error.cause.message : error.message;
}

/** Runs a check against the deadline; when time is up, `abandon` ends the work so nothing stays pending. */
async function bounded<T>(work: () => Promise<T>, abandon: () => void): Promise<Outcome<T>> {
  let timer: NodeJS.Timeout | undefined;
  const timeUp = new Promise<Outcome<T>>((resolve) => {
    timer = setTimeout(() => {
      abandon();
      resolve({ ok: false, error: `no answer within ${CHECK_TIMEOUT_MS} ms` });
    }, CHECK_TIMEOUT_MS);
  });
  const done = work().then(
    (value): Outcome<T> => ({ ok: true, value }),
    (error: unknown): Outcome<T> => ({ ok: false, error: failureText(error) }),
  );
  try {
    return await Promise.race([done, timeUp]);
  } finally {
    clearTimeout(timer);
  }
}

/** Posts that should already be out: due (past their retry time too) and not yet taken. */
async function readBacklog(db: PostgresJsDatabase): Promise<Backlog> {
  const now = new Date();
  const [row] = await db
    .select({ due: count(), oldest: min(posts.scheduledAt), paused: sql<boolean>`coalesce((select ${publishingState.paused} from ${publishingState} limit 1), false)` })
    .from(posts)
    .where(
      and(
        inArray(posts.status, ['scheduled', 'queued']),
        lte(posts.scheduledAt, new Date(now.getTime() - DUE_GRACE_MS)),
        or(isNull(posts.nextAttemptAt), lte(posts.nextAttemptAt, now)),
      ),
    );
  const oldest = row?.oldest ? new Date(row.oldest) : null;
  return { due: row?.due ?? 0, oldestDueLagSeconds: oldest ? Math.round((now.getTime() - oldest.getTime()) / 1000) : 0, paused: row?.paused === true };
}

/** The backlog query also proves that Postgres answers: one round trip for both. */
async function checkBacklog(): Promise<Outcome<Backlog>> {
  const pg = healthPg();
  const outcome = await bounded(() => readBacklog(pg.db), () => forgetPg(pg));
  // Whatever failed (a timeout, a connect timeout, a dead socket), start the next check afresh.
  if (!outcome.ok) forgetPg(pg);
  return outcome;
}

/** Reading the heartbeats also proves that Redis answers. */
async function checkWorkers(): Promise<Outcome<number>> {
  const redis = healthRedis();
  const outcome = await bounded(async () => (await liveWorkers(redis)).length, () => forgetRedis(redis));
  if (!outcome.ok) forgetRedis(redis);
  return outcome;
}

/**
 * What the answers mean. Down means someone should look: a store does not answer, or posts are
 * due and nobody is publishing them. No worker with nothing due is a warning, not an outage: the
 * web app still serves and schedules.
 */
function judge(backlog: Outcome<Backlog>, workers: Outcome<number>, now: Date): HealthReport {
  const postgresCheck: Check = backlog.ok ? { ok: true } : { ok: false, error: backlog.error };
  const redisCheck: Check = workers.ok ? { ok: true } : { ok: false, error: workers.error };
  const workersCheck: HealthReport['checks']['workers'] = !workers.ok
    ? { ok: false, error: 'not known: Redis did not answer' }
    : workers.value === 0
      ? { ok: false, alive: 0, error: 'no worker is consuming the queue' }
      : { ok: true, alive: workers.value };
  let backlogCheck: HealthReport['checks']['backlog'];
  if (!backlog.ok) backlogCheck = { ok: false, error: 'not known: Postgres did not answer' };
  else {
    const { due, oldestDueLagSeconds, paused } = backlog.value;
    const stuck = due > 0 && (!workersCheck.ok || oldestDueLagSeconds * 1000 > STUCK_LAG_MS);
    backlogCheck = paused
      ? { ok: true, due, oldestDueLagSeconds, paused: true }
      : stuck
        ? { ok: false, due, oldestDueLagSeconds, error: `${due} due post(s) not published, oldest ${oldestDueLagSeconds}s late` }
        : { ok: true, due, oldestDueLagSeconds };
  }
  const ok = postgresCheck.ok && redisCheck.ok && backlogCheck.ok;
  const paused = backlog.ok && backlog.value.paused;
  const status: HealthStatus = !ok ? 'unavailable' : workersCheck.ok && !paused ? 'ok' : 'degraded';
  return { status, ok, checkedAt: now.toISOString(), checks: { postgres: postgresCheck, redis: redisCheck, workers: workersCheck, backlog: backlogCheck } };
}

async function evaluate(): Promise<HealthReport> {
  const [backlog, workers] = await Promise.all([checkBacklog(), checkWorkers()]);
  return judge(backlog, workers, new Date());
}

/**
 * Life and liveness: the stores answer, at least one worker is consuming, and nothing due is left
 * waiting. Cheap whatever the callers do: one evaluation at a time per process (concurrent
 * callers share it), its report reused for a second, each check bounded and abandoned on time.
 */
export function health(): Promise<HealthReport> {
  const p = probe();
  if (p.last && Date.now() - p.last.at < REUSE_MS) return Promise.resolve(p.last.report);
  p.inFlight ??= evaluate()
    .then((report) => {
      p.last = { at: Date.now(), report };
      return report;
    })
    .finally(() => {
      p.inFlight = undefined;
    });
  return p.inFlight;
}

/** Closes the probe's connections and forgets its last report (tests, shutdown). */
export async function closeHealth(): Promise<void> {
  const p = holder.heraldHealth;
  holder.heraldHealth = undefined;
  p?.redis?.disconnect();
  await p?.pg?.sql.end({ timeout: 1 });
}

export type CheckWord = 'ok' | 'down';

/** What anyone may see: status words, nothing a failure could leak (error text, SQL, hosts). */
export interface PublicHealth {
  status: HealthStatus;
  checks: Record<CheckName, CheckWord>;
}

/** What a signed-in admin sees besides: counts, lag and each failure's text. */
export interface AdminHealth extends PublicHealth {
  checkedAt: string;
  details: HealthReport['checks'];
}

/**
 * Shapes a report for its viewer. The public view is built from the check names and their
 * verdicts only, so nothing added to a check's details later can reach a stranger.
 */
export function healthView(report: HealthReport, viewer: 'public' | 'admin'): PublicHealth | AdminHealth {
  const checks = Object.fromEntries(CHECK_NAMES.map((name) => [name, report.checks[name].ok ? 'ok' : 'down'])) as Record<CheckName, CheckWord>;
  const words: PublicHealth = { status: report.status, checks };
  return viewer === 'admin' ? { ...words, checkedAt: report.checkedAt, details: report.checks } : words;
}
