import { and, eq, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { ApiResponseError } from 'twitter-api-v2';
import { config } from '../config';
import { db } from '../db';
import { xAccounts, type XAccount } from '../db/schema';
import { emit } from '../events/emit';
import { logger } from '../log';
import { metrics } from '../metrics';
import { xAppClient } from '../x/client';
import { openToken, sealToken } from './secrets';

/** Refresh this long before expiry, so a publish never starts with a token about to die. */
const REFRESH_AHEAD_MS = 5 * 60_000;
/** While another process refreshes, a token with this much life left is good enough to use. */
const STILL_VALID_MS = 30_000;
/** How often a process waiting for another one's refresh looks again. */
const WAIT_STEP_MS = 200;

/** X refused the refresh token, or the account was disconnected: only a person can fix it. */
export class ReconnectNeededError extends Error {
  constructor(readonly username: string, disconnected = false) {
    super(
      disconnected
        ? `@${username} is disconnected from Herald: reconnect it on the accounts page, then retry.`
        : `Reconnect @${username}: X no longer accepts Herald's access to this account.`,
    );
  }
}

/** Another process holds the refresh and did not finish in time: try again later. */
export class RefreshPendingError extends Error {
  constructor() {
    super('Another worker is refreshing this account’s X token');
  }
}

function refusedByX(error: unknown): boolean {
  return error instanceof ApiResponseError && (error.code === 400 || error.code === 401);
}

/**
 * How long one refresh may hold the account: longer than the call to X can last (its deadline),
 * so that no second refresh ever presents a refresh token that X may already have rotated.
 */
const leaseMs = () => config().xTimeouts.requestMs + 10_000;

function publishable(account: XAccount): string {
  if (account.status !== 'active' || !account.accessTokenEnc) {
    throw new ReconnectNeededError(account.username, account.status === 'disconnected' || !account.accessTokenEnc);
  }
  return openToken(account.xUserId, 'access', account.accessTokenEnc);
}

async function readAccount(id: string): Promise<XAccount> {
  const [row] = await db().select().from(xAccounts).where(eq(xAccounts.id, id));
  if (!row) throw new Error(`x account ${id} not found`);
  return row;
}

/** The refresh lease, taken only while the tokens are still the ones the caller saw. Database clock. */
async function takeRefreshLease(seen: XAccount): Promise<XAccount | undefined> {
  const [row] = await db()
    .update(xAccounts)
    .set({ refreshLeaseUntil: sql`now() + ${`${leaseMs()} milliseconds`}::interval` })
    .where(
      and(
        eq(xAccounts.id, seen.id),
        eq(xAccounts.status, 'active'),
        sql`${xAccounts.accessTokenEnc} is not distinct from ${seen.accessTokenEnc}`,
        or(isNull(xAccounts.refreshLeaseUntil), lt(xAccounts.refreshLeaseUntil, sql`now()`)),
      ),
    )
    .returning();
  return row;
}

/**
 * The one change of an account to reconnect_needed: only from active (`also` narrows it further),
 * and told to its owner once, after the update committed, by whichever call actually changed it.
 * Returns whether this call did.
 */
export async function markReconnectNeeded(account: Pick<XAccount, 'id' | 'userId' | 'username'>, reason: string, also?: SQL): Promise<boolean> {
  const [changed] = await db()
    .update(xAccounts)
    .set({ status: 'reconnect_needed', refreshLeaseUntil: null, updatedAt: new Date() })
    .where(and(eq(xAccounts.id, account.id), eq(xAccounts.status, 'active'), also))
    .returning({ id: xAccounts.id });
  if (!changed) return false;
  await emit({ type: 'account.reconnect_needed', userId: account.userId, data: { account: { id: account.id, username: account.username, reason } } });
  return true;
}

/** Writes to the row only if its tokens are still those the lease was taken with. */
const stillHeld = (leased: XAccount) => and(eq(xAccounts.id, leased.id), sql`${xAccounts.accessTokenEnc} is not distinct from ${leased.accessTokenEnc}`);

/** Asks X for new tokens with the lease held and no database connection or lock in use meanwhile. */
async function refresh(leased: XAccount): Promise<{ token: string; account: XAccount }> {
  const markRefused = async () => {
    metrics().tokenRefreshes.inc({ outcome: 'refused' });
    const error = new ReconnectNeededError(leased.username);
    await markReconnectNeeded(leased, error.message, stillHeld(leased));
    logger().warn({ accountId: leased.id, event: 'refresh_refused' }, 'X refused the refresh token; account needs reconnecting');
    return error;
  };
  if (!leased.refreshTokenEnc) throw await markRefused();
  let result: Awaited<ReturnType<ReturnType<typeof xAppClient>['refreshOAuth2Token']>>;
  try {
    result = await xAppClient().refreshOAuth2Token(openToken(leased.xUserId, 'refresh', leased.refreshTokenEnc));
  } catch (error) {
    if (refusedByX(error)) throw await markRefused();
    metrics().tokenRefreshes.inc({ outcome: 'error' });
    // Network, timeout or 5xx: the token may still be good. Free the lease for the next attempt.
    await db().update(xAccounts).set({ refreshLeaseUntil: null }).where(stillHeld(leased)).catch(() => undefined);
    throw error;
  }
  metrics().tokenRefreshes.inc({ outcome: 'ok' });
  const [updated] = await db()
    .update(xAccounts)
    .set({
      accessTokenEnc: sealToken(leased.xUserId, 'access', result.accessToken),
      refreshTokenEnc: result.refreshToken ? sealToken(leased.xUserId, 'refresh', result.refreshToken) : leased.refreshTokenEnc,
      tokenExpiresAt: sql`now() + ${`${result.expiresIn} seconds`}::interval`,
      scopes: result.scope.join(' '),
      refreshLeaseUntil: null,
      updatedAt: new Date(),
    })
    .where(stillHeld(leased))
    .returning();
  logger().info({ accountId: leased.id, event: 'token_refreshed', stored: Boolean(updated) }, 'refreshed X access token');
  // Not stored: the account was reconnected or disconnected meanwhile; this token still works once.
  return { token: result.accessToken, account: updated ?? leased };
}

/**
 * A usable access token for the account, refreshed ahead of expiry (or at once with `force`,
 * after X refused the token). Across every process one holder refreshes, under a lease on the
 * row taken and released in short statements of their own: a slow X never holds a row lock or a
 * database connection, and the others keep using the current token while it is still valid, or
 * wait for the holder's result.
 */
export async function accessTokenFor(accountOrId: XAccount | string, opts: { force?: boolean } = {}): Promise<{ token: string; account: XAccount }> {
  // The publisher passes the row it already read with the post: no second read on the hot path.
  let seen = typeof accountOrId === 'string' ? await readAccount(accountOrId) : accountOrId;
  let token = publishable(seen);
  if (!opts.force && seen.tokenExpiresAt.getTime() - Date.now() > REFRESH_AHEAD_MS) return { token, account: seen };

  const giveUpAt = Date.now() + leaseMs() + 5_000;
  for (;;) {
    const leased = await takeRefreshLease(seen);
    if (leased) return refresh(leased);
    const latest = await readAccount(seen.id);
    token = publishable(latest);
    // Refreshed by someone else since the caller looked: that is the token to use.
    if (latest.accessTokenEnc !== seen.accessTokenEnc) return { token, account: latest };
    // Someone is refreshing; unless X already refused this token, it still works for a while.
    if (!opts.force && latest.tokenExpiresAt.getTime() - Date.now() > STILL_VALID_MS) return { token, account: latest };
    if (Date.now() > giveUpAt) throw new RefreshPendingError();
    await new Promise((r) => setTimeout(r, WAIT_STEP_MS));
    seen = latest;
  }
}
