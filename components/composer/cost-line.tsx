'use client';

import { useMemo } from 'react';
import { formatUsd, type Prices } from '@/lib/posts/cost';
import { publishCostText } from './cost-text';

export interface CostLineProps {
  /** One inner array per post being composed (one per account), each that post's parts. */
  posts: { text: string }[][];
  /** X's prices, from the server's configuration (X_PRICE_POST_USD, X_PRICE_POST_WITH_URL_USD). */
  prices: Prices;
}

/** What publishing the posts being composed will cost on X's API, which bills every post it creates. */
export function CostLine({ posts, prices }: CostLineProps) {
  // Finding links is twitter-text's work on every part: once per change of the text, not per render.
  const text = useMemo(() => publishCostText(posts, prices), [posts, prices]);
  if (!text) return null;
  return (
    <p
      data-testid="publish-cost"
      title={`X bills ${formatUsd(prices.postUsd)} a post, ${formatUsd(prices.postWithUrlUsd)} for a post with a link; each part of a thread is a post.`}
      className="text-xs text-slate-500"
    >
      {text}
    </p>
  );
}
