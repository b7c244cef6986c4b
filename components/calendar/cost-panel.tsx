'use client';

import { useMemo } from 'react';
import { formatUsd, type Prices } from '@/lib/posts/cost';
import type { PostView } from '@/lib/posts/view';
import { describeCounts } from '../composer/cost-text';
import { monthName, monthOf } from './month-range';
import { answerFingerprint } from './poll-policy';
import { useMonthCosts } from './use-month-costs';

export interface CostPanelProps {
  /** The date the calendar shows (a calendar date, see zoned-time.ts): the panel covers its month. */
  date: Date;
  zone: string;
  /** The posts on screen: when they change, the month's cost is fetched again. */
  posts: readonly PostView[];
  prices: Prices;
  /** The calendar is filtered: the bill is not, and the panel says so. */
  filtered?: boolean;
}

/**
 * What X's API bills for the month shown, per account: every post (each part of a thread) it
 * creates, a post with a link at the higher price. Counts posts scheduled, on their way and
 * published in the month, in the calendar's zone.
 */
export function CostPanel({ date, zone, posts, prices, filtered = false }: CostPanelProps) {
  const { from, to } = useMemo(() => monthOf(date, zone), [date, zone]);
  const version = useMemo(() => answerFingerprint(posts), [posts]);
  const result = useMonthCosts(from, to, version);

  return (
    <section aria-labelledby="cost-heading" className="rounded-xl border border-slate-200 bg-white p-4">
      <h2 id="cost-heading" className="text-sm font-semibold text-slate-900">
        X API cost this month
      </h2>
      <p className="mb-3 text-xs text-slate-500">
        {monthName(date)} · {formatUsd(prices.postUsd)} a post, {formatUsd(prices.postWithUrlUsd)} with a link
      </p>
      {/* X bills every account whatever the calendar shows: the panel is the whole month's bill. */}
      {filtered ? <p className="mb-3 text-xs text-slate-500">All accounts and posts, whatever the filters.</p> : null}
      {result.state === 'loading' ? (
        <p className="text-sm text-slate-500">Adding up…</p>
      ) : result.state === 'failed' ? (
        <p role="alert" className="text-sm text-rose-700">
          Could not add up this month’s cost: {result.error}
        </p>
      ) : result.costs.accounts.length === 0 ? (
        <p className="text-sm text-slate-500">Nothing scheduled or published this month.</p>
      ) : (
        <dl aria-label="Cost per account" className="flex flex-col gap-2 text-sm">
          {result.costs.accounts.map((account) => (
            <div key={account.accountId} data-testid="account-cost" className="flex items-baseline justify-between gap-2">
              <dt className="min-w-0">
                <span className="block truncate text-slate-800">@{account.username}</span>
                <span className="block text-xs text-slate-500">{describeCounts(account)}</span>
              </dt>
              <dd className="font-medium tabular-nums text-slate-900">{formatUsd(account.usd)}</dd>
            </div>
          ))}
          <div data-testid="total-cost" className="flex items-baseline justify-between gap-2 border-t border-slate-200 pt-2">
            <dt>
              <span className="block font-medium text-slate-900">Total</span>
              <span className="block text-xs text-slate-500">{describeCounts(result.costs.total)}</span>
            </dt>
            <dd className="font-semibold tabular-nums text-slate-900">{formatUsd(result.costs.total.usd)}</dd>
          </div>
        </dl>
      )}
    </section>
  );
}
