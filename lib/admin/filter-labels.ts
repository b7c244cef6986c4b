import { eq } from 'drizzle-orm';
import { db } from '../db';
import { users, xAccounts, type AdminFilter } from '../db/schema';

/** What the failed-posts filter's account and owner are called, for its chips (null: unknown). */
export async function filterLabels(filter: AdminFilter): Promise<{ account: string | null; user: string | null }> {
  const [account, user] = await Promise.all([
    filter.accountId ? db().select({ username: xAccounts.username }).from(xAccounts).where(eq(xAccounts.id, filter.accountId)).limit(1) : [],
    filter.userId ? db().select({ name: users.name, id: users.id }).from(users).where(eq(users.id, filter.userId)).limit(1) : [],
  ]);
  return { account: account[0]?.username ?? null, user: user[0] ? (user[0].name ?? user[0].id.slice(0, 8)) : null };
}
