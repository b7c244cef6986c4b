import { and, eq, inArray, sql } from 'drizzle-orm';
import { db } from '../db';
import { WAITING_STATUSES, posts, xAccounts } from '../db/schema';
import { notFound } from '../errors';
import { errorSummary, logger } from '../log';
import { syncQueue } from '../posts/sync-queue';
import { xAppClient } from '../x/client';
import type { XIdentity } from '../x/profile';
import { pinAdminHandle } from './admin-pins';
import { ConnectError } from './connect-errors';
import { openToken, sealToken } from './secrets';
import { toView, type AccountView } from './view';

export interface XTokens {
  accessToken: string;
  refreshToken: string | undefined;
  expiresAt: Date;
  scope: string;
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
    // Read at sign-in and connect: a person who just subscribed to X Premium sees it at once.
    ...(identity.subscriptionType === undefined ? {} : { subscriptionType: identity.subscriptionType, subscriptionCheckedAt: new Date() }),
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


export interface Disconnected {
  account: AccountView;
  /** Scheduled or queued posts of the account that became drafts (they keep their time). */
  drafted: number;
  /** False when X could not be asked to revoke the tokens: the person can revoke Herald's access in X's settings. */
  revokedAtX: boolean;
}

/** Asks X to end Herald's access: revoking the refresh token ends the whole grant. */
async function revokeAtX(tokens: { token: string; hint: 'refresh_token' | 'access_token' }[]): Promise<boolean> {
  let ok = true;
  for (const { token, hint } of tokens) {
    try {
      await xAppClient().revokeOAuth2Token(token, hint);
    } catch (error) {
      ok = false;
      logger().warn({ event: 'revoke_failed', hint, ...errorSummary(error) }, 'X did not confirm the revocation');
    }
  }
  return ok;
}

/**
 * Disconnects one of the user's X accounts: Herald's tokens are revoked at X and deleted, and its
 * scheduled posts become drafts (kept, with their text and time, to schedule again after a
 * reconnect). The account stays listed, so its posts keep their history. Idempotent.
 */
export async function disconnectAccount(userId: string, accountId: string): Promise<Disconnected> {
  const [account] = await db()
    .select()
    .from(xAccounts)
    .where(and(eq(xAccounts.id, accountId), eq(xAccounts.userId, userId)));
  if (!account) throw notFound('Account');

  const tokens: { token: string; hint: 'refresh_token' | 'access_token' }[] = [];
  for (const [hint, sealed, kind] of [
    ['refresh_token', account.refreshTokenEnc, 'refresh'],
    ['access_token', account.accessTokenEnc, 'access'],
  ] as const) {
    if (!sealed) continue;
    try {
      tokens.push({ token: openToken(account.xUserId, kind, sealed), hint });
    } catch {
      // Unreadable: nothing to revoke with it; it is deleted below all the same.
    }
  }
  // Revoked first: if deleting fails after this, the stored tokens are dead and harmless.
  const revokedAtX = tokens.length === 0 || (await revokeAtX(tokens));

  const { row, drafted } = await db().transaction(async (tx) => {
    const [updated] = await tx
      .update(xAccounts)
      .set({ accessTokenEnc: null, refreshTokenEnc: null, status: 'disconnected', refreshLeaseUntil: null, updatedAt: new Date() })
      .where(eq(xAccounts.id, account.id))
      .returning();
    const changed = await tx
      .update(posts)
      .set({ status: 'draft', revision: sql`${posts.revision} + 1`, attempts: 0, nextAttemptAt: null, lastError: null, lastErrorClass: null, updatedAt: new Date() })
      .where(and(eq(posts.xAccountId, account.id), inArray(posts.status, WAITING_STATUSES)))
      .returning();
    return { row: updated ?? account, drafted: changed };
  });
  // Their jobs are stale now (new revision); removing them only spares the workers a look.
  for (const post of drafted) await syncQueue(post, { ...post, revision: post.revision - 1 });
  logger().info({ event: 'account_disconnected', accountId: account.id, drafted: drafted.length, revokedAtX }, 'X account disconnected');
  return { account: toView(row), drafted: drafted.length, revokedAtX };
}
