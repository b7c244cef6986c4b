'use client';

import { useState } from 'react';
import type { AttemptView } from '@/lib/posts/attempts';
import { describeFailure, posts } from '../api/client';
import { AttemptList } from './attempt-list';

type Loaded = { state: 'idle' | 'loading' } | { state: 'done'; attempts: AttemptView[] } | { state: 'error'; message: string };

/**
 * A post's "Publish attempts" disclosure, read when opened, not with every post: in the post dialog
 * for its owner, and on the admin page (the API lets an admin read anyone's).
 */
export function PostAttempts({ postId, zone }: { postId: string; zone: string | null }) {
  const [loaded, setLoaded] = useState<Loaded>({ state: 'idle' });

  const load = async () => {
    setLoaded({ state: 'loading' });
    const result = await posts.attempts(postId);
    setLoaded(result.ok ? { state: 'done', attempts: result.data } : { state: 'error', message: describeFailure(result) });
  };

  return (
    <details
      className="rounded-lg border border-slate-200 px-3 py-2 text-sm"
      onToggle={(event) => {
        if (event.currentTarget.open && loaded.state !== 'loading') void load();
      }}
    >
      <summary className="cursor-pointer font-medium text-slate-700">Publish attempts</summary>
      <div className="mt-2" aria-live="polite" aria-busy={loaded.state === 'loading'}>
        {loaded.state === 'loading' ? <p className="text-slate-500">Loading…</p> : null}
        {loaded.state === 'error' ? <p role="alert" className="text-rose-800">{loaded.message}</p> : null}
        {loaded.state === 'done' ? <AttemptList attempts={loaded.attempts} timeZone={zone} /> : null}
      </div>
    </details>
  );
}
