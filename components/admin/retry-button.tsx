'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { api } from '../api-client';

/** Queues a failed post again through the API, then re-renders the (server) table. */
export function RetryButton({ postId, label }: { postId: string; label: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [refreshing, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const pending = busy || refreshing;

  async function retry() {
    setBusy(true);
    setError(null);
    const result = await api(`/api/v1/posts/${postId}/retry`, { method: 'POST' });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    startTransition(() => router.refresh());
  }

  return (
    <div className="flex flex-col items-end gap-1">
      <button
        type="button"
        onClick={() => void retry()}
        disabled={pending}
        aria-describedby={error ? `${postId}-retry-error` : undefined}
        title={`Retry ${label}`}
        className="inline-flex items-center gap-1.5 rounded-lg bg-white px-3 py-1.5 text-sm font-medium text-slate-800 ring-1 ring-slate-200 hover:bg-slate-50 disabled:opacity-50"
      >
        {pending ? <span aria-hidden="true" className="size-3.5 animate-spin rounded-full border-2 border-current border-t-transparent" /> : null}
        Retry
      </button>
      {error ? (
        <p id={`${postId}-retry-error`} role="alert" className="max-w-48 text-right text-xs text-rose-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
