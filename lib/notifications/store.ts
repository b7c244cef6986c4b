import { and, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { db } from '../db';
import { decodeKeyset, encodeKeyset, keysetKey, olderThan } from '../db/keyset';
import { notifications, type NotificationType } from '../db/schema';
import { NOTIFICATIONS_PAGE_SIZE, type MarkReadInput } from './input';
import { toNotificationView, type NotificationsPage } from './view';

/** Each user keeps this many notifications, newest first; making one sweeps those beyond. */
export const NOTIFICATIONS_KEPT_PER_USER = 500;

export interface NewNotification {
  userId: string;
  type: NotificationType;
  title: string;
  body: string;
  link: string;
}

/** Records a notification and drops the user's oldest beyond the cap (one bounded, index-backed delete). */
export async function createNotification(values: NewNotification): Promise<string> {
  const [row] = await db().insert(notifications).values(values).returning({ id: notifications.id });
  // The newest kept one's position; everything older than it goes.
  const oldestKept = db()
    .select({ createdAt: notifications.createdAt, id: notifications.id })
    .from(notifications)
    .where(eq(notifications.userId, values.userId))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .offset(NOTIFICATIONS_KEPT_PER_USER - 1)
    .limit(1);
  await db().execute(sql`
    delete from ${notifications}
    where ${notifications.userId} = ${values.userId}
      and (${notifications.createdAt}, ${notifications.id}) < (select k.created_at, k.id from (${oldestKept}) k)`);
  return row!.id;
}

/** This user's notifications, newest first, a page at a time (keyset on notifications_user_created_idx), with the unread count. */
export async function listNotifications(userId: string, opts: { cursor?: string; limit?: number } = {}): Promise<NotificationsPage> {
  const limit = opts.limit ?? NOTIFICATIONS_PAGE_SIZE;
  const after = decodeKeyset(opts.cursor);
  const rows = await db()
    .select({ row: notifications, key: keysetKey(notifications.createdAt) })
    .from(notifications)
    .where(
      and(
        eq(notifications.userId, userId),
        after ? olderThan(notifications.createdAt, notifications.id, after) : undefined,
      ),
    )
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    notifications: page.map((r) => toNotificationView(r.row)),
    unread: await unreadCount(userId),
    nextCursor: rows.length > limit && last ? encodeKeyset(last.key, last.row.id) : null,
  };
}

/** The bell's number (at most NOTIFICATIONS_KEPT_PER_USER, so the count is bounded). */
export async function unreadCount(userId: string): Promise<number> {
  const [row] = await db()
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/** Marks some (or all) of this user's notifications read; another user's ids are silently not theirs to mark. Returns the unread count left. */
export async function markRead(userId: string, input: MarkReadInput): Promise<number> {
  await db()
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt), input.ids ? inArray(notifications.id, input.ids) : undefined));
  return unreadCount(userId);
}
