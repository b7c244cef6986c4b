import { and, asc, eq } from 'drizzle-orm';
import { db } from '../db';
import { xAccounts, type XAccount } from '../db/schema';
import { toView, type AccountView } from './view';

export async function listAccounts(userId: string): Promise<AccountView[]> {
  const rows = await db().select().from(xAccounts).where(eq(xAccounts.userId, userId)).orderBy(asc(xAccounts.createdAt));
  return rows.map(toView);
}

export async function getOwnedAccount(userId: string, accountId: string): Promise<XAccount | undefined> {
  const [row] = await db().select().from(xAccounts).where(and(eq(xAccounts.id, accountId), eq(xAccounts.userId, userId)));
  return row;
}
