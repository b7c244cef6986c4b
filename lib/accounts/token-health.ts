import { and, asc, eq, gt, inArray, lte, min, notExists, sql } from 'drizzle-orm';
import { ApiResponseError } from 'twitter-api-v2';
import { db } from '../db';
import { WAITING_STATUSES, posts, tokenChecks, xAccounts, type XAccount } from '../db/schema';
import { errorSummary, logger } from '../log';
import { xUserClient } from '../x/client';
import { ReconnectNeededError, accessTokenFor, markReconnectNeeded } from './tokens';

/**
 * Token health: an hour before an account's next post, Herald makes sure X still takes its token,
 * so that an account X no longer accepts becomes "reconnect needed" (and its owner is told) then,
 * not when the post fails. A worker job (TOKEN_HEALTH_JOB in lib/queue) runs checkTokenHealth.
 */

/** Accounts whose next waiting post is due within this are checked. */
export const TOKEN_CHECK_WINDOW_MS = 3600_000;
/** An account checked this recently is not checked again (a failed check to X is not counted: see below). */
export const TOKEN_CHECK_AGE_MS = 45 * 60_000;
/** Accounts checked per run, one after the other (two calls to X each at most, three with a refresh). */
export const TOKEN_HEALTH_BATCH = 50;
/** A run takes no new account after this long; the next run carries on. */
export const TOKEN_HEALTH_RUN_MS = 20_000;
/** A token that would expire before the post (plus this) is refreshed now, which proves the refresh token too. */
const EXPIRY_MARGIN_MS = 5 * 60_000;

const interval = (ms: number) => sql`${`${ms} milliseconds`}::interval`;

/**
 * Active accounts with a waiting post due within the window and no recent check, earliest post
 * first. Starts from posts_due_idx (waiting posts by time), so it reads the next hour's posts only.
 */
async function dueAccounts(limit: number): Promise<{ account: XAccount; nextAt: Date }[]> {
  const next = db()
    .select({ accountId: posts.xAccountId, nextAt: min(posts.scheduledAt).as('next_at') })
    .from(posts)
    .where(and(inArray(posts.status, WAITING_STATUSES), gt(posts.scheduledAt, sql`now()`), lte(posts.scheduledAt, sql`now() + ${interval(TOKEN_CHECK_WINDOW_MS)}`)))
    .groupBy(posts.xAccountId)
    .as('next');
  const rows = await db()
    .select({ account: xAccounts, nextAt: next.nextAt })
    .from(next)
    .innerJoin(xAccounts, eq(xAccounts.id, next.accountId))
    .where(
      and(
        eq(xAccounts.status, 'active'),
        notExists(
          db()
            .select({ one: sql`1` })
            .from(tokenChecks)
            .where(and(eq(tokenChecks.xAccountId, xAccounts.id), gt(tokenChecks.checkedAt, sql`now() - ${interval(TOKEN_CHECK_AGE_MS)}`))),
        ),
      ),
    )
    .orderBy(asc(next.nextAt), asc(xAccounts.id))
    .limit(limit);
  return rows.flatMap((r) => (r.nextAt ? [{ account: r.account, nextAt: r.nextAt }] : []));
}

/** Marks the account checked now unless someone else just did: two runs never check one account twice. */
async function claim(accountId: string): Promise<boolean> {
  const rows = await db()
    .insert(tokenChecks)
    .values({ xAccountId: accountId, checkedAt: sql`now()` })
    .onConflictDoUpdate({ target: tokenChecks.xAccountId, set: { checkedAt: sql`now()` }, setWhere: sql`${tokenChecks.checkedAt} <= now() - ${interval(TOKEN_CHECK_AGE_MS)}` })
    .returning({ id: tokenChecks.xAccountId });
  return rows.length > 0;
}

/** X could not be asked (network, 5xx, rate limit): the account is taken again at the next run. */
async function release(accountId: string): Promise<void> {
  await db().delete(tokenChecks).where(eq(tokenChecks.xAccountId, accountId));
}

/** True when X refuses the token (401); the cheapest call that proves a token works. Other errors are thrown. */
async function refused(token: string): Promise<boolean> {
  try {
    await xUserClient(token).v2.me();
    return false;
  } catch (error) {
    if (error instanceof ApiResponseError && error.code === 401) return true;
    throw error;
  }
}

export type TokenCheck = 'ok' | 'reconnect_needed' | 'unreachable';

/**
 * Checks one account's token: refreshed first if it would expire before `nextAt`, then shown to
 * X. A refused token gets one forced refresh; a refused refresh, or a fresh token X refuses too,
 * makes the account reconnect_needed (and tells its owner, in lib/accounts/tokens). A network
 * error or a 5xx decides nothing.
 */
export async function checkAccountToken(account: XAccount, nextAt: Date): Promise<TokenCheck> {
  try {
    const due = account.tokenExpiresAt.getTime() < nextAt.getTime() + EXPIRY_MARGIN_MS;
    let { token } = await accessTokenFor(account, { force: due });
    if (!(await refused(token))) return 'ok';
    ({ token } = await accessTokenFor(account.id, { force: true }));
    if (!(await refused(token))) return 'ok';
    await markReconnectNeeded(account, new ReconnectNeededError(account.username).message);
    return 'reconnect_needed';
  } catch (error) {
    if (error instanceof ReconnectNeededError) return 'reconnect_needed';
    logger().warn({ event: 'token_check_unreachable', accountId: account.id, ...errorSummary(error) }, 'could not check an X token; trying again at the next run');
    await release(account.id);
    if (error instanceof ApiResponseError && error.code === 429) throw new RateLimited();
    return 'unreachable';
  }
}

class RateLimited extends Error {}

export interface TokenHealthReport {
  checked: number;
  ok: number;
  reconnectNeeded: number;
  unreachable: number;
}

/** One run of the job: up to `batch` accounts (and TOKEN_HEALTH_RUN_MS); a rate limit from X ends it. */
export async function checkTokenHealth(batch = TOKEN_HEALTH_BATCH): Promise<TokenHealthReport> {
  const report: TokenHealthReport = { checked: 0, ok: 0, reconnectNeeded: 0, unreachable: 0 };
  const stopAt = Date.now() + TOKEN_HEALTH_RUN_MS;
  for (const { account, nextAt } of await dueAccounts(batch)) {
    if (Date.now() > stopAt) break;
    if (!(await claim(account.id))) continue;
    report.checked++;
    try {
      const result = await checkAccountToken(account, nextAt);
      if (result === 'ok') report.ok++;
      else if (result === 'reconnect_needed') report.reconnectNeeded++;
      else report.unreachable++;
    } catch (error) {
      if (!(error instanceof RateLimited)) throw error;
      report.unreachable++;
      break;
    }
  }
  if (report.checked > 0) logger().info({ event: 'token_health_checked', ...report }, 'checked X tokens of accounts posting within the hour');
  return report;
}
