import { and, eq, inArray, or, sql } from 'drizzle-orm';
import { config } from '../config';
import { db } from '../db';
import { adminHandlePins, xAccounts } from '../db/schema';

/**
 * Admins are X user ids, which never change hands: ADMIN_X_USER_IDS, plus the ids pinned to the
 * handles in ADMIN_X_USERNAMES when those handles first signed in. Someone who later takes over
 * such a handle has another id and is not an admin.
 */
export async function isAdmin(userId: string): Promise<boolean> {
  const { adminXUserIds, adminUsernames } = config();
  if (adminXUserIds.size === 0 && adminUsernames.size === 0) return false;
  const named = adminXUserIds.size > 0 ? [inArray(xAccounts.xUserId, [...adminXUserIds])] : [];
  const pinned =
    adminUsernames.size > 0
      ? [
          sql`exists (select 1 from ${adminHandlePins} where ${adminHandlePins.xUserId} = ${xAccounts.xUserId} and ${inArray(adminHandlePins.username, [...adminUsernames])})`,
        ]
      : [];
  const [row] = await db()
    .select({ id: xAccounts.id })
    .from(xAccounts)
    .where(and(eq(xAccounts.userId, userId), or(...named, ...pinned)))
    .limit(1);
  return Boolean(row);
}
