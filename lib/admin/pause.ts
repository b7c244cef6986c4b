import { and, eq, inArray, lte, sql, type SQL } from 'drizzle-orm';
import { db } from '../db';
import { posts, publishingState, users } from '../db/schema';
import { logger } from '../log';
import { postQueue, publishJobId } from '../queue';
import { recordAudit } from './audit';

/**
 * How long a publish job that meets the pause waits before it looks again. Resume promotes the
 * parked jobs of due posts at once (promoteDueJobs); this only bounds the wait of those it misses.
 */
export const PAUSED_RECHECK_MS = 60_000;
/** Resume promotes at most this many parked jobs, in batches; any others go out within PAUSED_RECHECK_MS. */
const PROMOTE_CAP = 10_000;
const PROMOTE_BATCH = 200;

export interface PublishingState {
  paused: boolean;
  changedAt: string | null;
  changedBy: { id: string; name: string | null } | null;
}

/**
 * Whether publishing is paused: read from Postgres before every publish job (one primary-key
 * read), so a pause holds across worker restarts and a Redis flush, and binds every worker at once.
 */
export async function publishingPaused(): Promise<boolean> {
  const [row] = await db().select({ paused: publishingState.paused }).from(publishingState).limit(1);
  return row?.paused ?? false;
}

/** How long a worker trusts a "not paused" answer: a pause binds every worker within this. */
const NOT_PAUSED_TRUST_MS = 1_000;

/**
 * The worker's check before each publish job, without a query per job on the hot path: a "not
 * paused" answer is shared for a second by every job of the process. A "paused" answer is never
 * reused, so jobs promoted by a resume go out at once rather than park again on a stale answer.
 */
export function pauseGate(): () => Promise<boolean> {
  let notPausedAt = -Infinity;
  let reading: Promise<boolean> | null = null;
  return async () => {
    if (Date.now() - notPausedAt < NOT_PAUSED_TRUST_MS) return false;
    reading ??= publishingPaused().finally(() => (reading = null));
    const paused = await reading;
    if (!paused) notPausedAt = Date.now();
    return paused;
  };
}

export async function readPublishingState(): Promise<PublishingState> {
  const [row] = await db()
    .select({ state: publishingState, name: users.name })
    .from(publishingState)
    .leftJoin(users, eq(users.id, publishingState.changedBy))
    .limit(1);
  if (!row) return { paused: false, changedAt: null, changedBy: null };
  const { state, name } = row;
  return { paused: state.paused, changedAt: state.changedAt.toISOString(), changedBy: state.changedBy ? { id: state.changedBy, name } : null };
}

/**
 * Pauses or resumes publishing, and records who did it (one transaction). Pausing twice records
 * nothing new. On resume, the jobs the pause parked are promoted so due posts go out now; the
 * claim still publishes each once. The caller has checked that `adminUserId` is an admin.
 */
export async function setPublishingPaused(adminUserId: string, paused: boolean): Promise<PublishingState> {
  const changed = await db().transaction(async (tx) => {
    const [before] = await tx.select().from(publishingState).for('update');
    if ((before?.paused ?? false) === paused) return false;
    await tx
      .insert(publishingState)
      .values({ id: true, paused, changedBy: adminUserId, changedAt: new Date() })
      .onConflictDoUpdate({ target: publishingState.id, set: { paused, changedBy: adminUserId, changedAt: new Date() } });
    await recordAudit({ adminUserId, action: paused ? 'pause' : 'resume', count: 0 }, tx);
    return true;
  });
  if (changed) logger().warn({ event: paused ? 'publishing_paused' : 'publishing_resumed', adminUserId }, paused ? 'publishing paused by an admin' : 'publishing resumed by an admin');
  if (changed && !paused) await promoteDueJobs().catch(() => undefined);
  return readPublishingState();
}

/** Moves the parked (delayed) jobs of posts already due to waiting, a bounded number, best effort. */
/** Waiting posts whose time (and retry time) has come: on posts_due_idx. */
export const isDue = (now: Date): SQL =>
  and(
    inArray(posts.status, ['scheduled', 'queued']),
    lte(posts.scheduledAt, now),
    sql`coalesce(${posts.nextAttemptAt}, ${posts.scheduledAt}) <= ${now.toISOString()}::timestamptz`,
  )!;

async function promoteDueJobs(): Promise<number> {
  const now = new Date();
  const due = await db()
    .select({ id: posts.id, jobKey: posts.jobKey, revision: posts.revision })
    .from(posts)
    .where(
      isDue(now),
    )
    .limit(PROMOTE_CAP);
  const queue = postQueue();
  let promoted = 0;
  for (let i = 0; i < due.length; i += PROMOTE_BATCH) {
    await Promise.all(
      due.slice(i, i + PROMOTE_BATCH).map(async (post) => {
        const job = await queue.getJob(publishJobId(post));
        // A job no longer delayed (a worker took it meanwhile) cannot be promoted: nothing lost.
        if (job && (await job.isDelayed())) await job.promote().then(() => promoted++, () => undefined);
      }),
    );
  }
  return promoted;
}
