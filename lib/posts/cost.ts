import { containsUrl } from '../x/text';

/**
 * What publishing costs on X's API: X bills every post it creates, and a post holding a link at a
 * higher price. Pure and browser-safe: the composer prices what is being written, the server
 * (lib/posts/costs) what is scheduled, with the same rules.
 *
 * Money is counted in whole micro-dollars (integers), never by adding floating-point dollars:
 * 0.015 + 0.2 in doubles is 0.21500000000000002, and a month of such sums drifts. Prices have at
 * most 6 decimals (lib/config refuses more), so turning them into micro-dollars is exact, and the
 * total is turned back into dollars by one division, the closest double to the exact amount.
 */

/** X's prices per created post, in US dollars (from X_PRICE_POST_USD, X_PRICE_POST_WITH_URL_USD). */
export interface Prices {
  postUsd: number;
  postWithUrlUsd: number;
}

/** Posts X bills, those of them holding a link, and what they cost in US dollars. */
export interface Cost {
  posts: number;
  postsWithUrl: number;
  usd: number;
}

const MICROS_PER_USD = 1_000_000;

export const toMicros = (usd: number): number => Math.round(usd * MICROS_PER_USD);

/** The price of `posts` billed posts of which `postsWithUrl` hold a link. */
export function priceOf(counts: { posts: number; postsWithUrl: number }, prices: Prices): Cost {
  const plain = counts.posts - counts.postsWithUrl;
  const micros = plain * toMicros(prices.postUsd) + counts.postsWithUrl * toMicros(prices.postWithUrlUsd);
  return { posts: counts.posts, postsWithUrl: counts.postsWithUrl, usd: micros / MICROS_PER_USD };
}

/** What publishing these parts costs: every part (a thread's too) is one post X creates and bills. */
export function costOfParts(parts: readonly { text: string }[], prices: Prices): Cost {
  return priceOf({ posts: parts.length, postsWithUrl: parts.filter((p) => containsUrl(p.text)).length }, prices);
}

/** The sum of several costs (several posts at once, several accounts), still exact. */
export function sumCosts(costs: readonly Cost[], prices: Prices): Cost {
  const posts = costs.reduce((n, c) => n + c.posts, 0);
  const postsWithUrl = costs.reduce((n, c) => n + c.postsWithUrl, 0);
  return priceOf({ posts, postsWithUrl }, prices);
}

// Up to 3 decimals: X's per-post price is $0.015, which cents alone would show as $0.02.
const usdFormat = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 3 });

/** For display: "$0.03", "$0.215", "$1,234.50". */
export function formatUsd(usd: number): string {
  return usdFormat.format(usd);
}
