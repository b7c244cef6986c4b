/**
 * The baseline: the simplest scheduler design, a poller that runs once a minute on the minute
 * (as `* * * * *` in cron would), selects the posts that are due, and publishes them with the same
 * X client calls Herald's worker makes (lib/x/client's xUserClient, v2.tweet per part).
 *
 * It is written to be fair, not slow: due posts are claimed in one statement (FOR UPDATE SKIP
 * LOCKED, so a second poller would not double-publish), and published BASELINE_CONCURRENCY at a
 * time. It reads the same tables and the same encrypted tokens as Herald. Bundled by the bench
 * and run as its own process with Herald's environment variables.
 *
 * Writes one JSON line per tick on stdout; stops on SIGTERM/SIGINT after the tick in progress.
 */
import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import { openToken } from '../lib/accounts/secrets';
import { closeDb, db } from '../lib/db';
import { postParts, posts, xAccounts } from '../lib/db/schema';
import { xUserClient } from '../lib/x/client';

const CONCURRENCY = Number(process.env.BASELINE_CONCURRENCY ?? 50);
const MINUTE_MS = 60_000;

function emit(line: Record<string, unknown>): void {
  console.log(JSON.stringify({ service: 'baseline-cron', ...line }));
}

async function publishOne(postId: string, accountId: string): Promise<boolean> {
  try {
    const [account] = await db().select().from(xAccounts).where(eq(xAccounts.id, accountId));
    if (!account?.accessTokenEnc) throw new Error('account not found');
    const token = openToken(account.xUserId, 'access', account.accessTokenEnc);
    const parts = await db().select().from(postParts).where(eq(postParts.postId, postId)).orderBy(asc(postParts.position));
    let replyTo: string | null = null;
    let firstId: string | null = null;
    for (const part of parts) {
      const reply: { in_reply_to_tweet_id: string } | undefined = replyTo ? { in_reply_to_tweet_id: replyTo } : undefined;
      const sent = await xUserClient(token).v2.tweet({ text: part.text, ...(reply ? { reply } : {}) });
      const id: string = sent.data.id;
      await db().update(postParts).set({ xPostId: id, publishedAt: new Date() }).where(eq(postParts.id, part.id));
      replyTo = id;
      firstId ??= id;
    }
    await db()
      .update(posts)
      .set({ status: 'published', publishedAt: new Date(), publishedUrl: `https://x.com/${account.username}/status/${firstId}`, updatedAt: new Date() })
      .where(eq(posts.id, postId));
    return true;
  } catch (error) {
    await db()
      .update(posts)
      .set({ status: 'failed', lastError: error instanceof Error ? error.message : String(error), updatedAt: new Date() })
      .where(eq(posts.id, postId));
    return false;
  }
}

async function tick(): Promise<{ claimed: number; published: number; failed: number }> {
  const now = new Date();
  const due = db()
    .select({ id: posts.id })
    .from(posts)
    .where(and(inArray(posts.status, ['scheduled', 'queued']), lte(posts.scheduledAt, now)))
    .orderBy(asc(posts.scheduledAt))
    .for('update', { skipLocked: true });
  const claimed = await db()
    .update(posts)
    .set({ status: 'publishing', attempts: sql`${posts.attempts} + 1`, updatedAt: now })
    .where(inArray(posts.id, due))
    .returning({ id: posts.id, accountId: posts.xAccountId });

  let next = 0;
  let published = 0;
  const lanes = Array.from({ length: Math.min(CONCURRENCY, claimed.length) }, async () => {
    for (;;) {
      const item = claimed[next++];
      if (!item) return;
      if (await publishOne(item.id, item.accountId)) published++;
    }
  });
  await Promise.all(lanes);
  return { claimed: claimed.length, published, failed: claimed.length - published };
}

let stopping = false;
let timer: NodeJS.Timeout | undefined;
let running: Promise<void> | undefined;

function scheduleNext(): void {
  if (stopping) return;
  // On the minute: the next multiple of 60 s of the wall clock.
  timer = setTimeout(() => {
    running = runTick().finally(() => {
      running = undefined;
      scheduleNext();
    });
  }, MINUTE_MS - (Date.now() % MINUTE_MS));
}

async function runTick(): Promise<void> {
  const startedAt = Date.now();
  try {
    const result = await tick();
    emit({ event: 'tick', startedAt, ms: Date.now() - startedAt, ...result });
  } catch (error) {
    emit({ event: 'tick_failed', startedAt, err: error instanceof Error ? error.message : String(error) });
  }
}

async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  clearTimeout(timer);
  await running;
  await closeDb();
  process.exit(0);
}

process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
emit({ event: 'ready', concurrency: CONCURRENCY });
scheduleNext();
