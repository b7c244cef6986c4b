import { and, count, eq, inArray, sql } from 'drizzle-orm';
import { config } from '../config';
import type { Tx } from '../db';
import { WAITING_STATUSES, posts } from '../db/schema';
import { AppError } from '../errors';

/**
 * Refuses a post that would take the user over MAX_SCHEDULED_POSTS_PER_USER. Serialised per user
 * (a transaction-scoped advisory lock) so that concurrent saves cannot all slip under the cap.
 */
export async function assertRoomToSchedule(tx: Tx, userId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`herald:schedule:${userId}`}, 0))`);
  const [row] = await tx
    .select({ n: count() })
    .from(posts)
    .where(and(eq(posts.userId, userId), inArray(posts.status, WAITING_STATUSES)));
  const max = config().maxScheduledPostsPerUser;
  if ((row?.n ?? 0) >= max) {
    throw new AppError(
      409,
      `You already have ${max.toLocaleString('en')} posts scheduled, the most Herald takes per user. Wait for some to go out, or unschedule some, then try again.`,
    );
  }
}
