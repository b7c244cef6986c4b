import { config } from '../config';
import { db } from '../db';
import { adminHandlePins } from '../db/schema';

/** At an account's sign-in or connection: a handle named in ADMIN_X_USERNAMES is pinned to its first X id. */
export async function pinAdminHandle(username: string, xUserId: string): Promise<void> {
  const handle = username.toLowerCase();
  if (!config().adminUsernames.has(handle)) return;
  await db().insert(adminHandlePins).values({ username: handle, xUserId }).onConflictDoNothing();
}
