import { and, asc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { ApiResponseError } from 'twitter-api-v2';
import { db } from '../db';
import { xAccounts, type XAccount } from '../db/schema';
import { errorSummary, logger } from '../log';
import { xUserClient } from '../x/client';
import { identityFromProfile } from '../x/profile';
import { accessTokenFor } from './tokens';

/**
 * X Premium, as X tells it: each account's `subscription_type` from /2/users/me, read at sign-in
 * and connect (lib/accounts/commands connectAccount), once a day for every active account
 * (refreshSubscriptions, a worker job), and by the publisher before a long post (currentSubscription).
 */

/** An account is asked again this long after it was last asked. */
export const SUBSCRIPTION_REFRESH_AGE_MS = 24 * 3600_000;
/**
 * Accounts asked per run of the refresh job (one call to X each, one after the other). The job
 * runs every SUBSCRIPTION_REFRESH_EVERY_MS (lib/queue): 100 a quarter hour is 9,600 accounts a day.
 */
export const SUBSCRIPTION_REFRESH_BATCH = 100;
/**
 * A run takes no new account after this long, so it never holds a worker slot (or a worker's
 * shutdown) for long when X is slow; the next run carries on where it stopped.
 */
export const SUBSCRIPTION_REFRESH_RUN_MS = 10_000;

/** X's `subscription_type` for the token's account; undefined when X's answer does not carry it. */
export async function readSubscriptionType(token: string): Promise<string | undefined> {
  const { data } = await xUserClient(token).v2.me({ 'user.fields': ['subscription_type'] });
  return identityFromProfile({ data })?.subscriptionType;
}

async function record(accountId: string, subscriptionType: string | undefined): Promise<void> {
  await db()
    .update(xAccounts)
    .set({ ...(subscriptionType === undefined ? {} : { subscriptionType }), subscriptionCheckedAt: new Date() })
    .where(eq(xAccounts.id, accountId));
}

/**
 * What the account's subscription is right now, asked of X with a token the caller already holds
 * (and stored). When X cannot be asked, the stored value: the caller's decision then rests on
 * what Herald last knew, and X itself remains the last judge.
 */
export async function currentSubscription(account: XAccount, token: string): Promise<string> {
  try {
    const read = await readSubscriptionType(token);
    await record(account.id, read);
    return read ?? account.subscriptionType;
  } catch (error) {
    logger().warn({ event: 'subscription_read_failed', accountId: account.id, ...errorSummary(error) }, 'could not read the X subscription; using the stored one');
    return account.subscriptionType;
  }
}

/**
 * Takes one active account not asked for a day (never-asked first) and marks it asked, so that a
 * second worker running the same job takes another one, and an account X fails on waits a day.
 */
async function takeDueAccount(): Promise<XAccount | undefined> {
  const due = db()
    .select({ id: xAccounts.id })
    .from(xAccounts)
    .where(
      and(
        eq(xAccounts.status, 'active'),
        or(isNull(xAccounts.subscriptionCheckedAt), lt(xAccounts.subscriptionCheckedAt, sql`now() - ${`${SUBSCRIPTION_REFRESH_AGE_MS} milliseconds`}::interval`)),
      ),
    )
    .orderBy(sql`${xAccounts.subscriptionCheckedAt} asc nulls first`, asc(xAccounts.id))
    .limit(1)
    .for('update', { skipLocked: true });
  const [row] = await db()
    .update(xAccounts)
    .set({ subscriptionCheckedAt: sql`now()` })
    .where(sql`${xAccounts.id} = (${due})`)
    .returning();
  return row;
}

export interface SubscriptionRefreshReport {
  checked: number;
  changed: number;
  failed: number;
}

/**
 * The daily refresh: up to `batch` accounts (and SUBSCRIPTION_REFRESH_RUN_MS), one call to X
 * each, one after the other. A failure is logged and the account is asked again the next day;
 * a rate limit from X ends the run (the next run carries on).
 */
export async function refreshSubscriptions(batch = SUBSCRIPTION_REFRESH_BATCH): Promise<SubscriptionRefreshReport> {
  const report: SubscriptionRefreshReport = { checked: 0, changed: 0, failed: 0 };
  const stopAt = Date.now() + SUBSCRIPTION_REFRESH_RUN_MS;
  for (let i = 0; i < batch && Date.now() < stopAt; i++) {
    const account = await takeDueAccount();
    if (!account) break;
    report.checked++;
    try {
      const { token } = await accessTokenFor(account);
      const read = await readSubscriptionType(token);
      if (read !== undefined && read !== account.subscriptionType) {
        await record(account.id, read);
        report.changed++;
        logger().info({ event: 'subscription_changed', accountId: account.id, from: account.subscriptionType, to: read }, 'X subscription changed');
      }
    } catch (error) {
      report.failed++;
      logger().warn({ event: 'subscription_refresh_failed', accountId: account.id, ...errorSummary(error) }, 'could not read the X subscription; asking again tomorrow');
      if (error instanceof ApiResponseError && error.code === 429) break;
    }
  }
  return report;
}
