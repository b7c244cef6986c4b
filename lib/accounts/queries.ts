import { asc, eq } from 'drizzle-orm';
import { db } from '../db';
import { xAccounts } from '../db/schema';
import { toView, type AccountView } from './view';

export async function listAccounts(userId: string): Promise<AccountView[]> {
  const rows = await db().select().from(xAccounts).where(eq(xAccounts.userId, userId)).orderBy(asc(xAccounts.createdAt));
  return rows.map(toView);
}
