import { and, asc, eq } from 'drizzle-orm';
import { config } from '../config';
import { encrypt } from '../crypto';
import { db } from '../db';
import { xAccounts, type XAccount, type XAccountStatus } from '../db/schema';
import { AppError } from '../errors';

export interface AccountView {
  id: string;
  username: string;
  name: string;
  status: XAccountStatus;
  avatarUrl: string | null;
}

const toView = (a: XAccount): AccountView => ({ id: a.id, username: a.username, name: a.name, status: a.status, avatarUrl: a.avatarUrl });

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
    accessTokenEnc: encrypt(tokens.accessToken),
    refreshTokenEnc: tokens.refreshToken ? encrypt(tokens.refreshToken) : null,
    tokenExpiresAt: tokens.expiresAt,
    scopes: tokens.scope,
    status: 'active' as const,
    updatedAt: new Date(),
  };
  const [row] = await db()
    .insert(xAccounts)
    .values(values)
    .onConflictDoUpdate({ target: xAccounts.xUserId, set: values, setWhere: eq(xAccounts.userId, userId) })
    .returning();
  if (!row) throw new AppError(409, `@${identity.username} is already connected to another Herald user.`);
  return toView(row);
}

export async function getOwnedAccount(userId: string, accountId: string): Promise<XAccount | undefined> {
  const [row] = await db().select().from(xAccounts).where(and(eq(xAccounts.id, accountId), eq(xAccounts.userId, userId)));
  return row;
}

/** Admins are named in ADMIN_X_USERNAMES; owning a connected account with that name proves it. */
export async function isAdmin(userId: string): Promise<boolean> {
  const admins = config().adminUsernames;
  if (admins.size === 0) return false;
  const rows = await db().select({ username: xAccounts.username }).from(xAccounts).where(eq(xAccounts.userId, userId));
  return rows.some((r) => admins.has(r.username.toLowerCase()));
}
