import Link from 'next/link';
import { Button, buttonStyle } from '../ui/button';

/** Rows' shapes while the first page is on its way: the layout does not jump when it lands. */
export function ListSkeleton() {
  return (
    <div aria-busy="true" className="flex flex-col divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white shadow-sm">
      {[0, 1, 2, 3, 4].map((n) => (
        <div key={n} className="flex flex-col gap-2 px-4 py-3 sm:flex-row sm:gap-4">
          <div className="h-4 w-40 animate-pulse rounded bg-slate-200/80" />
          <div className="h-4 flex-1 animate-pulse rounded bg-slate-200/60" />
        </div>
      ))}
      <span className="sr-only" role="status">
        Loading posts…
      </span>
    </div>
  );
}

/** Nothing matches the filter: say so, and offer the way back to everything. */
export function NoMatch({ onClear }: { onClear: () => void }) {
  return (
    <div className="flex flex-col items-center gap-3 rounded-xl border border-dashed border-slate-300 bg-white px-4 py-10 text-center">
      <p className="text-sm font-medium text-slate-900">No posts match</p>
      <p className="text-sm text-slate-500">Try other words, or fewer filters.</p>
      <Button onClick={onClear} size="sm">
        Clear filters
      </Button>
    </div>
  );
}

/** No posts at all yet: where to write the first one. */
export function NoPostsYet() {
  return (
    <div className="flex flex-col items-center gap-3 rounded-xl border border-dashed border-slate-300 bg-white px-4 py-10 text-center">
      <p className="text-sm font-medium text-slate-900">No posts yet</p>
      <p className="text-sm text-slate-500">Write your first post on the calendar; every post you make is listed here.</p>
      <Link href="/calendar" className={buttonStyle('primary', 'sm')}>
        Go to the calendar
      </Link>
    </div>
  );
}

/** The first page failed: nothing to show but the reason and a way to ask again. */
export function ListError({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <div role="alert" className="flex flex-col items-start gap-3 rounded-xl border border-rose-200 bg-rose-50 px-4 py-4 text-sm text-rose-800 sm:flex-row sm:items-center">
      <span className="flex-1">{message}</span>
      <Button onClick={onRetry} size="sm">
        Retry
      </Button>
    </div>
  );
}
