import { and, eq, gte, inArray, lt } from 'drizzle-orm';
import { db } from '../db';
import { postParts, posts, xAccounts } from '../db/schema';
import { AppError } from '../errors';
import { containsUrl } from '../x/text';
import { priceOf, sumCosts, type Cost, type Prices } from './cost';
import type { CostsQuery } from './costs-input';

export interface AccountCost extends Cost {
  accountId: string;
  username: string;
}

/** `GET /api/v1/costs`: what X bills, or will bill, for a user's posts in a range, per account and in all. */
export interface CostsView {
  prices: Prices;
  accounts: AccountCost[];
  total: Cost;
}

/**
 * What X bills or will bill: posts on their way (scheduled, queued, publishing) and those
 * published. Drafts are not going out, cancelled posts never will, and a failed post was refused
 * by X (or never reached it) and goes out only if retried, when it counts again.
 */
const BILLED_STATUSES = ['scheduled', 'queued', 'publishing', 'published'] as const;

/** Parts read for one answer at most: 400 posts a day for two months, threads included. */
export const COSTS_MAX_PARTS = 25_000;
/** Finding links is X's own extraction on each part; a range that takes longer than this is refused. */
const URL_BUDGET_MS = 2_000;

/**
 * The cost of the user's own posts scheduled in [from, to): every part is one post X creates, a
 * part holding a link (by X's rules, lib/x/text) at the link price. The links need the texts, so
 * the parts are read, at most COSTS_MAX_PARTS of them; beyond that the range is refused as too big.
 */
export async function costsOf(userId: string, range: CostsQuery, prices: Prices): Promise<CostsView> {
  const rows = await costsPartsQuery(userId, range);
  if (rows.length > COSTS_MAX_PARTS) {
    throw new AppError(400, 'Invalid input', { to: [`More than ${COSTS_MAX_PARTS.toLocaleString('en')} posts in this range: ask for a shorter one`] });
  }

  // Every stored text was counted by twitter-text within a budget when it was saved, so one part
  // takes little; the deadline bounds the sum.
  const deadline = performance.now() + URL_BUDGET_MS;
  const counts = new Map<string, { username: string; posts: number; postsWithUrl: number }>();
  for (const row of rows) {
    if (performance.now() > deadline) throw new AppError(503, 'Pricing these posts took too long: ask for a shorter range');
    const account = counts.get(row.accountId) ?? { username: row.username, posts: 0, postsWithUrl: 0 };
    account.posts++;
    if (containsUrl(row.text)) account.postsWithUrl++;
    counts.set(row.accountId, account);
  }

  const accounts = [...counts]
    .map(([accountId, c]) => ({ accountId, username: c.username, ...priceOf(c, prices) }))
    .sort((a, b) => a.username.localeCompare(b.username));
  return { prices, accounts, total: sumCosts(accounts, prices) };
}

/** The statement behind costsOf: apart so that `npm run bench` can EXPLAIN exactly it (`.toSQL()`). */
export function costsPartsQuery(userId: string, range: CostsQuery) {
  return db()
    .select({ accountId: posts.xAccountId, username: xAccounts.username, text: postParts.text })
    .from(posts)
    // The owner again on the account (always true: a post's account is its user's) lets the
    // planner read the user's few accounts by x_accounts_user_id_idx instead of all of them (bench).
    .innerJoin(xAccounts, and(eq(xAccounts.id, posts.xAccountId), eq(xAccounts.userId, userId)))
    .innerJoin(postParts, eq(postParts.postId, posts.id))
    .where(and(eq(posts.userId, userId), inArray(posts.status, [...BILLED_STATUSES]), gte(posts.scheduledAt, range.from), lt(posts.scheduledAt, range.to)))
    .limit(COSTS_MAX_PARTS + 1);
}
