'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { Button } from '../ui/button';
import { ErrorList } from '../ui/error-list';
import { adminApi } from './api';

/** Pause publishing for everyone, or resume it; the overview re-renders from the server. */
export function PauseSwitch({ paused }: { paused: boolean }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [refreshing, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);

  async function toggle() {
    setBusy(true);
    setError(null);
    const result = await adminApi.setPaused(!paused);
    setBusy(false);
    if (!result.ok) setError(result.error);
    else startTransition(() => router.refresh());
  }

  return (
    <div className="flex flex-col items-end gap-1">
      <Button variant={paused ? 'primary' : 'warning'} onClick={() => void toggle()} disabled={busy || refreshing} busy={busy || refreshing}>
        {paused ? 'Resume publishing' : 'Pause publishing'}
      </Button>
      <ErrorList id="pause-error" messages={error ? [error] : []} alert small />
    </div>
  );
}
