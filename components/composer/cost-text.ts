import { costOfParts, formatUsd, sumCosts, type Cost, type Prices } from '@/lib/posts/cost';

const count = (n: number, one: string, many: string) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** "2 posts, 1 with a link": what X bills, in words. */
export function describeCounts(cost: Pick<Cost, 'posts' | 'postsWithUrl'>): string {
  const posts = count(cost.posts, 'post', 'posts');
  return cost.postsWithUrl === 0 ? posts : `${posts}, ${cost.postsWithUrl.toLocaleString('en')} with a link`;
}

/**
 * The composer's cost line: one inner array of parts per post being composed (one per account),
 * every part a post X bills. Null when nothing is being composed.
 */
export function publishCostText(posts: readonly (readonly { text: string }[])[], prices: Prices): string | null {
  const cost = sumCosts(
    posts.map((parts) => costOfParts(parts, prices)),
    prices,
  );
  if (cost.posts === 0) return null;
  const linkPrice = cost.postsWithUrl > 0 ? ` (${formatUsd(prices.postWithUrlUsd)} each)` : '';
  return `Publishing costs ${formatUsd(cost.usd)} on X's API: ${describeCounts(cost)}${linkPrice}`;
}
