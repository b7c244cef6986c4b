import { eq } from 'drizzle-orm';
import { ApiResponseError } from 'twitter-api-v2';
import { decrypt, encrypt } from '../crypto';
import { db } from '../db';
import { xAccounts, type XAccount } from '../db/schema';
import { logger } from '../log';
import { xAppClient } from '../x/client';

/** Refresh this long before expiry, so a publish never starts with a token about to die. */
const REFRESH_AHEAD_MS = 5 * 60_000;

/** X refused the refresh token: only a person can fix it, by reconnecting. */
export class ReconnectNeededError extends Error {
  constructor(readonly username: string) {
    super(`Reconnect @${username}: X no longer accepts Herald's access to this account.`);
  }
}

function refusedByX(error: unknown): boolean {
  return error instanceof ApiResponseError && (error.code === 400 || error.code === 401);
}

/**
 * A usable access token for the account. Refreshing takes the account's row lock, so across
 * every process one holder refreshes and the others then read its result; the rotated refresh
 * token is written in the same transaction that read the old one.
 */
export async function accessTokenFor(accountOrId: XAccount | string, opts: { force?: boolean } = {}): Promise<{ token: string; account: XAccount }> {
  // The publisher passes the row it already read with the post: no second read on the hot path.
  const current = typeof accountOrId === 'string' ? (await db().select().from(xAccounts).where(eq(xAccounts.id, accountOrId)))[0] : accountOrId;
  if (!current) throw new Error(`x account ${String(accountOrId)} not found`);
  const accountId = current.id;
  if (current.status === 'reconnect_needed') throw new ReconnectNeededError(current.username);
  if (!opts.force && current.tokenExpiresAt.getTime() - Date.now() > REFRESH_AHEAD_MS) {
    return { token: decrypt(current.accessTokenEnc), account: current };
  }

  type Outcome = { token: string; account: XAccount } | { refused: string };
  const outcome = await db().transaction(async (tx): Promise<Outcome> => {
    const [locked] = await tx.select().from(xAccounts).where(eq(xAccounts.id, accountId)).for('update');
    if (!locked) throw new Error(`x account ${accountId} not found`);
    if (locked.status === 'reconnect_needed') throw new ReconnectNeededError(locked.username);
    const refreshedMeanwhile = locked.accessTokenEnc !== current.accessTokenEnc;
    if (refreshedMeanwhile || (!opts.force && locked.tokenExpiresAt.getTime() - Date.now() > REFRESH_AHEAD_MS)) {
      return { token: decrypt(locked.accessTokenEnc), account: locked };
    }
    if (!locked.refreshTokenEnc) {
      await tx.update(xAccounts).set({ status: 'reconnect_needed', updatedAt: new Date() }).where(eq(xAccounts.id, accountId));
      return { refused: locked.username };
    }
    try {
      const result = await xAppClient().refreshOAuth2Token(decrypt(locked.refreshTokenEnc));
      const [updated] = await tx
        .update(xAccounts)
        .set({
          accessTokenEnc: encrypt(result.accessToken),
          refreshTokenEnc: result.refreshToken ? encrypt(result.refreshToken) : locked.refreshTokenEnc,
          tokenExpiresAt: new Date(Date.now() + result.expiresIn * 1000),
          scopes: result.scope.join(' '),
          updatedAt: new Date(),
        })
        .where(eq(xAccounts.id, accountId))
        .returning();
      logger().info({ accountId, event: 'token_refreshed' }, 'refreshed X access token');
      return { token: result.accessToken, account: updated ?? locked };
    } catch (error) {
      if (!refusedByX(error)) throw error; // network or 5xx: the token may still be good, retry later
      await tx.update(xAccounts).set({ status: 'reconnect_needed', updatedAt: new Date() }).where(eq(xAccounts.id, accountId));
      logger().warn({ accountId, event: 'refresh_refused' }, 'X refused the refresh token; account needs reconnecting');
      // Returned, not thrown: the status change must commit.
      return { refused: locked.username };
    }
  });
  if ('refused' in outcome) throw new ReconnectNeededError(outcome.refused);
  return outcome;
}
