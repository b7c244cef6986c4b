import Link from 'next/link';
import type { AdminFilter, FailureClass } from '@/lib/db/schema';
import { buttonStyle } from '../ui/button';
import { filterHref } from './filter-href';

export interface FilterLabels {
  account: string | null;
  user: string | null;
}

/** The failed-posts filter: error class by a form; account and owner come from the table's links and show here as removable chips. */
export function FilterBar({ filter, labels, classes }: { filter: AdminFilter; labels: FilterLabels; classes: readonly FailureClass[] }) {
  return (
    <form method="get" action="/admin" aria-label="Filter failed posts" className="flex flex-wrap items-end gap-3 text-sm">
      {filter.accountId ? <input type="hidden" name="accountId" value={filter.accountId} /> : null}
      {filter.userId ? <input type="hidden" name="userId" value={filter.userId} /> : null}
      <label className="flex flex-col gap-1">
        <span className="font-medium text-slate-700">Error class</span>
        <select name="errorClass" defaultValue={filter.errorClass ?? ''} className="rounded-lg border border-slate-300 bg-white px-2.5 py-1.5">
          <option value="">Any</option>
          {classes.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className={buttonStyle('secondary', 'sm')}>
        Filter
      </button>
      {filter.accountId ? (
        <Link href={filterHref({ ...filter, accountId: null })} className={buttonStyle('quiet', 'sm')} aria-label={`Remove the account filter (@${labels.account ?? '?'})`}>
          Account: @{labels.account ?? '?'} ×
        </Link>
      ) : null}
      {filter.userId ? (
        <Link href={filterHref({ ...filter, userId: null })} className={buttonStyle('quiet', 'sm')} aria-label={`Remove the owner filter (${labels.user ?? '?'})`}>
          Owner: {labels.user ?? '?'} ×
        </Link>
      ) : null}
      {filter.accountId || filter.userId || filter.errorClass ? (
        <Link href="/admin" className="px-1 py-1.5 text-slate-500 underline">
          Clear filters
        </Link>
      ) : null}
    </form>
  );
}
