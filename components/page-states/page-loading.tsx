/** Shown while a page's server data loads: a labelled status for screen readers, grey bars for the eye. */
export function PageLoading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div role="status" aria-live="polite" className="flex flex-col gap-3" data-testid="page-loading">
      <span className="sr-only">{label}</span>
      <div aria-hidden="true" className="h-7 w-48 animate-pulse rounded-md bg-slate-200" />
      <div aria-hidden="true" className="h-4 w-72 max-w-full animate-pulse rounded bg-slate-200" />
      <div aria-hidden="true" className="mt-2 h-64 animate-pulse rounded-xl bg-slate-100" />
    </div>
  );
}
