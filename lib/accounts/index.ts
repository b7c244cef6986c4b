import { and, asc, eq } from 'drizzle-orm';
import { db } from '../db';
import { xAccounts, type XAccount, type XAccountStatus } from '../db/schema';
import { pinAdminHandle } from './admins';
import { ConnectError } from './connect-errors';
import { sealToken } from './secrets';

export { isAdmin } from './admins';

export interface AccountView {
  id: string;
  username: string;
  name: string;
  status: XAccountStatus;
  avatarUrl: string | null;
}

export const toView = (a: XAccount): AccountView => ({ id: a.id, username: a.username, name: a.name, status: a.status, avatarUrl: a.avatarUrl });

export async function listAccounts(userId: string): Promise<AccountView[]> {
  const rows = await db().select().from(xAccounts).where(eq(xAccounts.userId, userId)).orderBy(asc(xAccounts.createdAt));
  return rows.map(toView);
}

export interface XTokens {
  accessToken: string;
  refreshToken: string | undefined;
  expiresAt: Date;
  scope: string;
}

export interface XIdentity {
  id: string;
  username: string;
  name: string;
  avatarUrl: string | null;
}

/**
 * Connects (or reconnects) an X account to a Herald user with fresh tokens.
 * An X account belongs to one Herald user: connecting someone else's is refused.
 */
export async function connectAccount(userId: string, identity: XIdentity, tokens: XTokens): Promise<AccountView> {
  const values = {
    userId,
    xUserId: identity.id,
    username: identity.username,
    name: identity.name,
    avatarUrl: identity.avatarUrl,
    accessTokenEnc: sealToken(identity.id, 'access', tokens.accessToken),
    refreshTokenEnc: tokens.refreshToken ? sealToken(identity.id, 'refresh', tokens.refreshToken) : null,
    tokenExpiresAt: tokens.expiresAt,
    scopes: tokens.scope,
    status: 'active' as const,
    refreshLeaseUntil: null,
    updatedAt: new Date(),
  };
  const [row] = await db()
    .insert(xAccounts)
    .values(values)
    .onConflictDoUpdate({ target: xAccounts.xUserId, set: values, setWhere: eq(xAccounts.userId, userId) })
    .returning();
  if (!row) throw new ConnectError('taken');
  await pinAdminHandle(identity.username, identity.id);
  return toView(row);
}

export async function getOwnedAccount(userId: string, accountId: string): Promise<XAccount | undefined> {
  const [row] = await db().select().from(xAccounts).where(and(eq(xAccounts.id, accountId), eq(xAccounts.userId, userId)));
  return row;
}
