'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import type { AdminFilter } from '@/lib/db/schema';
import type { FailedPostRow } from '@/lib/posts/queries';
import { PostAttempts } from '../attempts/post-attempts';
import { excerpt } from '../excerpt';
import { LocalTime } from '../local-time';
import { Button } from '../ui/button';
import { ErrorList } from '../ui/error-list';
import { adminApi, type BulkBody } from './api';
import { filterHref } from './filter-href';

const plural = (n: number, one: string) => `${n.toLocaleString('en')} ${one}${n === 1 ? '' : 's'}`;

interface Props {
  rows: FailedPostRow[];
  /** Failed posts matching the filter, across pages. */
  total: number;
  filter: AdminFilter;
  /** The most posts one "retry all matching" retries. */
  cap: number;
  timeZone: string | null;
}

/** Every user's failed posts, for admins: who, where, when, why; Retry and Cancel per row, for the selected, or for all matching. */
export function FailedPostsTable({ rows, total, filter, cap, timeZone }: Props) {
  const router = useRouter();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [refreshing, startTransition] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const pending = busy || refreshing;

  async function act(body: BulkBody, verb: string) {
    setBusy(true);
    setError(null);
    setMessage(null);
    const result = await adminApi.act(body);
    setBusy(false);
    setConfirming(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    const { done, skipped, remaining } = result.data;
    setMessage(
      `${verb} ${plural(done, 'post')}.` +
        (skipped ? ` ${plural(skipped, 'post')} left as they were (no longer failed, or their account cannot post).` : '') +
        (remaining ? ` ${plural(remaining, 'failed post')} still match: retry all again for the next ones.` : ''),
    );
    setSelected(new Set());
    startTransition(() => router.refresh());
  }

  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const ids = [...selected];

  if (rows.length === 0) {
    return (
      <div className="flex flex-col gap-2">
        {message ? <p role="status" className="text-sm text-emerald-700">{message}</p> : null}
        <div className="rounded-xl border border-dashed border-slate-300 bg-white px-6 py-12 text-center">
          <p className="font-medium text-slate-800">No failed posts{filter.accountId || filter.userId || filter.errorClass ? ' match this filter' : ''}.</p>
          <p className="mt-1 text-sm text-slate-500">Every post either went out or is still on its way. Posts that fail will show up here.</p>
        </div>
      </div>
    );
  }
  return (
    <div className="flex flex-col gap-3">
      <div role="toolbar" aria-label="Failed posts actions" className="flex flex-wrap items-center gap-2 text-sm">
        <span className="text-slate-600">{selected.size > 0 ? `${selected.size} selected` : 'Select posts to act on several'}</span>
        <Button size="sm" disabled={pending || selected.size === 0} onClick={() => void act({ action: 'retry', postIds: ids }, 'Retried')}>
          Retry selected
        </Button>
        <Button size="sm" variant="danger" disabled={pending || selected.size === 0} onClick={() => void act({ action: 'cancel', postIds: ids }, 'Cancelled')}>
          Cancel selected
        </Button>
        <Button size="sm" disabled={pending} onClick={() => setConfirming(true)}>
          Retry all matching…
        </Button>
      </div>
      {confirming ? (
        <div role="alertdialog" aria-label="Confirm retry of all matching" className="flex flex-wrap items-center gap-3 rounded-xl border border-amber-300 bg-amber-50 p-3 text-sm">
          <p className="text-amber-950">
            Retry all {plural(total, 'failed post')} matching this filter?
            {total > cap ? ` At most ${cap.toLocaleString('en')} are retried at a time; run it again for the rest.` : ''}
          </p>
          <Button size="sm" variant="primary" busy={pending} disabled={pending} onClick={() => void act({ action: 'retry_matching', filter }, 'Retried')}>
            Retry {plural(Math.min(total, cap), 'post')}
          </Button>
          <Button size="sm" variant="quiet" disabled={pending} onClick={() => setConfirming(false)}>
            Keep them
          </Button>
        </div>
      ) : null}
      {message ? (
        <p role="status" className="text-sm text-emerald-700">
          {message}
        </p>
      ) : null}
      <ErrorList id="failed-actions-error" messages={error ? [error] : []} alert small />
      <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
        <table className="w-full min-w-[64rem] text-left text-sm">
          <caption className="sr-only">Failed posts of all users</caption>
          <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="px-3 py-2.5">
                <span className="sr-only">Select</span>
              </th>
              <th scope="col" className="px-3 py-2.5 font-semibold">Owner</th>
              <th scope="col" className="px-3 py-2.5 font-semibold">Account</th>
              <th scope="col" className="px-3 py-2.5 font-semibold">Scheduled</th>
              <th scope="col" className="px-3 py-2.5 font-semibold">Failed</th>
              <th scope="col" className="px-3 py-2.5 text-right font-semibold">Attempts</th>
              <th scope="col" className="px-3 py-2.5 font-semibold">Error</th>
              <th scope="col" className="px-3 py-2.5 font-semibold">Text</th>
              <th scope="col" className="px-3 py-2.5">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map(({ post, owner }) => {
              const label = `@${post.accountUsername}'s post`;
              return (
                <tr key={post.id} className="align-top">
                  <td className="px-3 py-3">
                    <input type="checkbox" aria-label={`Select ${label}`} checked={selected.has(post.id)} onChange={() => toggle(post.id)} />
                  </td>
                  <td className="px-3 py-3">
                    <Link href={filterHref({ ...filter, userId: owner.id })} title="Show only this owner's failures" className="text-slate-800 hover:underline">
                      {owner.name ?? owner.id.slice(0, 8)}
                    </Link>
                  </td>
                  <td className="px-3 py-3">
                    <Link href={filterHref({ ...filter, accountId: post.accountId })} title="Show only this account's failures" className="font-medium text-slate-800 hover:underline">
                      @{post.accountUsername}
                    </Link>
                  </td>
                  <td className="whitespace-nowrap px-3 py-3 text-slate-600">{post.scheduledAt ? <LocalTime iso={post.scheduledAt} timeZone={timeZone} /> : '—'}</td>
                  <td className="whitespace-nowrap px-3 py-3 text-slate-600">
                    <LocalTime iso={post.updatedAt} timeZone={timeZone} />
                  </td>
                  <td className="px-3 py-3 text-right tabular-nums text-slate-600">{post.attempts}</td>
                  <td className="max-w-xs px-3 py-3 text-rose-700">
                    {post.errorClass ? <span className="mr-1 rounded bg-rose-50 px-1.5 py-0.5 font-mono text-xs">{post.errorClass}</span> : null}
                    {post.error ?? 'No reason recorded'}
                    <div className="mt-2 text-slate-700">
                      <PostAttempts postId={post.id} zone={timeZone} />
                    </div>
                  </td>
                  <td className="max-w-xs px-3 py-3 text-slate-600">
                    {excerpt(post.parts[0]?.text ?? '', 100)}
                    {post.parts.length > 1 ? <span className="text-slate-500"> (thread of {post.parts.length})</span> : null}
                  </td>
                  <td className="whitespace-nowrap px-3 py-3 text-right">
                    <Button size="sm" disabled={pending} title={`Retry ${label}`} onClick={() => void act({ action: 'retry', postIds: [post.id] }, 'Retried')}>
                      Retry
                    </Button>{' '}
                    <Button size="sm" variant="danger" disabled={pending} title={`Cancel ${label}`} onClick={() => void act({ action: 'cancel', postIds: [post.id] }, 'Cancelled')}>
                      Cancel
                    </Button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
