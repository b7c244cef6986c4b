'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import * as api from '../api/client';
import { Button } from '../ui/button';
import { ErrorList } from '../ui/error-list';

/** Queues a failed post again through the API, then re-renders the (server) table. */
export function RetryButton({ postId, label }: { postId: string; label: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [refreshing, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const pending = busy || refreshing;
  const errorId = `${postId}-retry-error`;

  async function retry() {
    setBusy(true);
    setError(null);
    const result = await api.posts.retry(postId);
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    startTransition(() => router.refresh());
  }

  return (
    <div className="flex flex-col items-end gap-1">
      <Button size="sm" onClick={() => void retry()} disabled={pending} busy={pending} aria-describedby={error ? errorId : undefined} title={`Retry ${label}`}>
        Retry
      </Button>
      <ErrorList id={errorId} messages={error ? [error] : []} alert small className="max-w-48 text-right" />
    </div>
  );
}
