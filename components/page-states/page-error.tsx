'use client';

/**
 * What a page shows when rendering it threw: a plain sentence, the error's digest (the id the
 * server's log line carries; the message itself is hidden in production) and a Retry that
 * re-renders the segment, since most failures here (database, Redis) are passing ones.
 */
export function PageError({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error instanceof Error && 'digest' in error && typeof error.digest === 'string' ? error.digest : null;
  return (
    <div role="alert" className="mx-auto mt-16 max-w-md rounded-2xl border border-rose-200 bg-white px-6 py-8 text-center shadow-sm">
      <h1 className="text-lg font-semibold text-slate-900">This page could not be loaded</h1>
      <p className="mt-2 text-sm text-slate-600">Something went wrong on Herald&apos;s side. It is often brief: try again in a moment.</p>
      {digest ? <p className="mt-2 text-xs text-slate-500">Reference: {digest}</p> : null}
      <button
        type="button"
        onClick={retry}
        className="mt-5 rounded-lg bg-slate-900 px-4 py-2 text-sm font-medium text-white hover:bg-slate-700"
      >
        Retry
      </button>
    </div>
  );
}
