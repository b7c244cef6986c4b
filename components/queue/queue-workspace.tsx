'use client';

import { useEffect, useState } from 'react';
import type { PostView } from '@/lib/posts/view';
import type { Prices } from '@/lib/posts/cost';
import * as api from '../api/client';
import type { AccountOption } from '../calendar/types';
import { OpenComposer } from '../composer/open-composer';
import { useDraftScope } from '../composer/draft-scope';
import { useReopenDraft } from '../composer/use-autosave';
import { useLetterShortcut } from '../keyboard/use-shortcut';
import type { OpenTarget } from '../composer/open-target';
import { ScheduleEditor } from '../schedule/schedule-editor';
import { Button } from '../ui/button';
import { ActionError, LoadError, Notice } from '../ui/page-messages';
import { applyMove } from './moves';
import { QueueBoard } from './queue-board';
import { useQueue } from './use-queue';
import { useUndoToast, type UndoNote } from '../undo/use-undo-toast';

export const QUEUE_WEEKS = [1, 2, 3, 4] as const;

export interface QueueWorkspaceProps {
  account: AccountOption;
  accounts: AccountOption[];
  /** The zone the composer shows and reads times in (the user's). */
  zone: string;
  /** X's prices per post, for the composer's cost line. */
  prices: Prices;
}

function offsetLabel(zone: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'shortOffset' }).formatToParts(new Date()).find((p) => p.type === 'timeZoneName')?.value ?? '';
}

/** One account's posting queue: the coming slots (drag or pick to move), and its schedule beside them. */
export function QueueWorkspace({ account, accounts, zone, prices }: QueueWorkspaceProps) {
  const [weeks, setWeeks] = useState<number>(2);
  const { queue, schedule, loading, loadError, reload, setQueue } = useQueue(account.id, weeks);
  const offerUndo = useUndoToast(zone, () => void reload());
  const [composer, setComposer] = useState<OpenTarget | null>(null);
  // A post left unsaved (reload, closed tab) comes back; N starts a new one.
  useReopenDraft(useDraftScope(), (target) => setComposer((open) => open ?? target));
  useLetterShortcut('n', () => setComposer((open) => open ?? { kind: 'create', at: null, accountId: account.id }), account.status === 'active');
  const [notice, setNotice] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [moving, setMoving] = useState(false);

  // Notices are confirmations, not history: they fade after a while.
  useEffect(() => {
    if (!notice) return;
    const timer = window.setTimeout(() => setNotice(null), 6_000);
    return () => window.clearTimeout(timer);
  }, [notice]);

  /** Shows the move at once; the server's refusal puts everything back and says why. */
  async function move(postId: string, slotAt: string) {
    if (!queue) return;
    const next = applyMove(queue, postId, slotAt);
    if (!next) return;
    const swapped = queue.slots.find((s) => s.at === slotAt)?.post !== null;
    setActionError(null);
    setQueue(next);
    setMoving(true);
    const result = await api.queue.move(account.id, { postId, slot: slotAt });
    setMoving(false);
    if (result.ok) setNotice(swapped ? 'Swapped the two posts.' : 'Moved.');
    else {
      setQueue(queue);
      setActionError(`Could not move the post. ${api.describeFailure(result)}`);
    }
    await reload();
  }

  /** A post composed with other accounts' opens with them, side by side (the queue shows only this account's). */
  async function open(post: PostView) {
    const group = await api.postGroups.get(post.groupId);
    setComposer({ kind: 'edit', post, group: group.ok ? group.data.posts : undefined });
  }

  function finish(message: string, undo?: UndoNote) {
    setComposer(null);
    if (undo) offerUndo(message, undo);
    else setNotice(message);
    void reload();
  }

  const ready = queue !== null && schedule !== null;

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Queue · @{account.username}</h1>
          <p className="text-sm text-slate-500">
            {schedule
              ? `Slot times in ${schedule.timeZone.replaceAll('_', ' ')} (${offsetLabel(schedule.timeZone)}), the schedule’s zone${schedule.timeZone === zone ? '' : `; under each, the time in ${zone.replaceAll('_', ' ')}`}.`
              : 'Posts added to the queue take the next free slot.'}
          </p>
        </div>
        <div className="flex items-end gap-2">
          <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
            Weeks shown
            <select value={weeks} onChange={(e) => setWeeks(Number(e.target.value))} className="rounded-lg border border-slate-200 bg-white px-2 py-2 text-sm text-slate-900 focus:outline-2 focus:outline-slate-900">
              {QUEUE_WEEKS.map((n) => (
                <option key={n} value={n}>
                  {n === 1 ? '1 week' : `${n} weeks`}
                </option>
              ))}
            </select>
          </label>
          <Button variant="primary" disabled={account.status !== 'active'} title="New post (N)" aria-keyshortcuts="N" onClick={() => setComposer({ kind: 'create', at: null, accountId: account.id })}>
            <span aria-hidden="true" className="text-base leading-none">
              +
            </span>
            New post
          </Button>
        </div>
      </div>

      <LoadError message={loadError} onRetry={() => void reload()} />
      <ActionError message={actionError} onDismiss={() => setActionError(null)} />
      <Notice text={notice} />

      {!ready ? (
        loading ? (
          <div aria-busy="true" className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_24rem]">
            <div className="h-96 animate-pulse rounded-xl bg-slate-200/50" />
            <div className="h-96 animate-pulse rounded-xl bg-slate-200/50" />
            <span className="sr-only">Loading the queue…</span>
          </div>
        ) : null
      ) : (
        <div className="grid items-start gap-4 lg:grid-cols-[minmax(0,1fr)_24rem]">
          <section aria-label="Upcoming slots" aria-busy={moving} className="rounded-xl border border-slate-200 bg-slate-50/50 p-4">
            <QueueBoard queue={queue} busy={moving} viewerZone={zone} onMove={(postId, at) => void move(postId, at)} onOpen={(post) => void open(post)} />
          </section>
          <ScheduleEditor
            key={schedule.accountId}
            accountId={account.id}
            schedule={schedule}
            onSaved={() => void reload()}
          />
        </div>
      )}

      <OpenComposer target={composer} onTargetChange={setComposer} accounts={accounts} zone={zone} onDone={finish} prices={prices} />
    </div>
  );
}
