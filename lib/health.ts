import { and, count, inArray, isNull, lte, min, or, sql } from 'drizzle-orm';
import { db } from './db';
import { posts } from './db/schema';
import { producerRedis } from './queue';
import { liveWorkers } from './queue/heartbeat';

/** Posts due longer than this, with workers alive, mean publishing is stuck. */
const STUCK_LAG_MS = 5 * 60_000;
/** Grace for a post that just fell due (the delayed job is about to run). */
const DUE_GRACE_MS = 60_000;

interface Check {
  ok: boolean;
  error?: string;
}

export interface HealthReport {
  ok: boolean;
  checks: { postgres: Check; redis: Check; workers: Check & { alive?: number }; backlog: Check & { due?: number; oldestDueLagSeconds?: number } };
}

async function check<T extends object>(work: () => Promise<T>, timeoutMs = 2_000): Promise<Check & Partial<T>> {
  try {
    const extra = await Promise.race([work(), new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs))]);
    return { ok: true, ...extra };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) } as Check & Partial<T>;
  }
}

/** Posts that should already be out: due (past their retry time too) and not yet taken. */
async function backlog(): Promise<{ due: number; oldestDueLagSeconds: number }> {
  const now = new Date();
  const [row] = await db()
    .select({ due: count(), oldest: min(posts.scheduledAt) })
    .from(posts)
    .where(
      and(
        inArray(posts.status, ['scheduled', 'queued']),
        lte(posts.scheduledAt, new Date(now.getTime() - DUE_GRACE_MS)),
        or(isNull(posts.nextAttemptAt), lte(posts.nextAttemptAt, now)),
      ),
    );
  const oldest = row?.oldest ? new Date(row.oldest) : null;
  return { due: row?.due ?? 0, oldestDueLagSeconds: oldest ? Math.round((now.getTime() - oldest.getTime()) / 1000) : 0 };
}

/**
 * Life and liveness: the stores answer, at least one worker is consuming, and nothing due is
 * left waiting. Down means someone should look: posts are due and nobody is publishing them.
 */
export async function health(): Promise<HealthReport> {
  const [postgres, redis, workerList, queueBacklog] = await Promise.all([
    check(async () => (await db().execute(sql`select 1`), {})),
    check(async () => (await (await producerRedis()).ping(), {})),
    check(async () => ({ alive: (await liveWorkers(await producerRedis())).length })),
    check(backlog),
  ]);
  const workers: HealthReport['checks']['workers'] =
    workerList.ok && workerList.alive === 0 ? { ok: false, alive: 0, error: 'no worker is consuming the queue' } : workerList;
  const lagMs = (queueBacklog.oldestDueLagSeconds ?? 0) * 1000;
  const stuck = queueBacklog.ok && (queueBacklog.due ?? 0) > 0 && (!workers.ok || lagMs > STUCK_LAG_MS);
  const backlogCheck = stuck ? { ...queueBacklog, ok: false, error: `${queueBacklog.due} due post(s) not published, oldest ${queueBacklog.oldestDueLagSeconds}s late` } : queueBacklog;
  // No worker with nothing due is a warning, not an outage: the web app still serves and schedules.
  const ok = postgres.ok && redis.ok && backlogCheck.ok;
  return { ok, checks: { postgres, redis, workers, backlog: backlogCheck } };
}
