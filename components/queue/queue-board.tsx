'use client';

import { useMemo, useState, type DragEvent } from 'react';
import type { PostView } from '@/lib/posts/view';
import type { QueueSlotView, QueueView } from '@/lib/schedules/view';
import { excerpt } from '../excerpt';
import { StatusBadge } from '../status-badge';
import { canMove } from './moves';

export interface QueueBoardProps {
  queue: QueueView;
  /** Drop `postId` on the slot at `slotAt` (move there, or swap with the post there). */
  onMove: (postId: string, slotAt: string) => void;
  onOpen: (post: PostView) => void;
  /** A move is on its way to the server: no other until it is answered. */
  busy: boolean;
  /** The person's own zone: where it differs from the schedule's, each slot also says its time there. */
  viewerZone: string;
}

/** A slot's local date (YYYY-MM-DD, in the schedule's zone) for a heading: the date itself, with no zone shift. */
function dayHeading(date: string): string {
  return new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}

function shortDay(date: string): string {
  return new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}

const postText = (post: PostView) => excerpt(post.parts[0]?.text ?? '', 90) || '(no text)';

function groupByDate(slots: QueueSlotView[]): [string, QueueSlotView[]][] {
  const groups = new Map<string, QueueSlotView[]>();
  for (const slot of slots) groups.set(slot.date, [...(groups.get(slot.date) ?? []), slot]);
  return [...groups];
}

interface CardProps {
  post: PostView;
  /** Where it could go: every slot but its own. */
  targets: QueueSlotView[];
  busy: boolean;
  onMove: QueueBoardProps['onMove'];
  onOpen: QueueBoardProps['onOpen'];
  onDragStart: (postId: string) => void;
  onDragEnd: () => void;
}

/** One queued post: opens the composer, drags onto another slot, or moves there from the keyboard. */
function QueuedPost({ post, targets, busy, onMove, onOpen, onDragStart, onDragEnd }: CardProps) {
  const movable = canMove(post);
  const text = postText(post);
  return (
    <div
      draggable={movable && !busy}
      onDragStart={(e) => {
        e.dataTransfer.setData('text/plain', post.id);
        e.dataTransfer.effectAllowed = 'move';
        onDragStart(post.id);
      }}
      onDragEnd={onDragEnd}
      data-post={post.id}
      className={`flex min-w-0 flex-1 flex-col gap-1.5 rounded-lg border border-indigo-200 bg-indigo-50/50 px-3 py-2 sm:flex-row sm:items-center ${movable ? 'cursor-grab active:cursor-grabbing' : ''}`}
    >
      <button
        type="button"
        onClick={() => onOpen(post)}
        className="min-w-0 flex-1 truncate text-left text-sm text-slate-900 hover:underline focus-visible:outline-2 focus-visible:outline-slate-900"
        title="Open in the composer"
      >
        {text}
      </button>
      <div className="flex shrink-0 items-center gap-2">
        <StatusBadge status={post.status} />
        {movable ? (
          <select
            aria-label={`Move “${text}” to`}
            value=""
            disabled={busy}
            onChange={(e) => {
              if (e.target.value) onMove(post.id, e.target.value);
            }}
            className="max-w-44 rounded-md border border-slate-200 bg-white px-1.5 py-1 text-xs text-slate-700 focus:outline-2 focus:outline-slate-900"
          >
            <option value="">Move to…</option>
            {targets.map((slot) => (
              <option key={slot.at} value={slot.at}>
                {shortDay(slot.date)} {slot.time} · {slot.post ? `swap with “${postText(slot.post)}”` : 'empty'}
              </option>
            ))}
          </select>
        ) : null}
      </div>
    </div>
  );
}

/** The coming slots by local day, each empty or holding its post, and the posts off the schedule. */
function viewerTime(at: string, zone: string): string {
  return new Intl.DateTimeFormat(undefined, { weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: zone }).format(new Date(at));
}

export function QueueBoard({ queue, onMove, onOpen, busy, viewerZone }: QueueBoardProps) {
  const [dragging, setDragging] = useState<string | null>(null);
  const [over, setOver] = useState<string | null>(null);
  const days = useMemo(() => groupByDate(queue.slots), [queue.slots]);
  const otherZone = viewerZone === queue.timeZone ? null : viewerZone;

  function dropProps(slot: QueueSlotView) {
    const accepts = dragging !== null && slot.post?.id !== dragging && !busy;
    return {
      onDragOver: (e: DragEvent) => {
        if (!accepts) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'move';
        if (over !== slot.at) setOver(slot.at);
      },
      onDragLeave: () => setOver((current) => (current === slot.at ? null : current)),
      onDrop: (e: DragEvent) => {
        e.preventDefault();
        const postId = dragging ?? e.dataTransfer.getData('text/plain');
        setDragging(null);
        setOver(null);
        if (postId && accepts) onMove(postId, slot.at);
      },
    };
  }

  const cardProps = (post: PostView, own: string | null) => ({
    post,
    targets: queue.slots.filter((s) => s.at !== own),
    busy,
    onMove,
    onOpen,
    onDragStart: setDragging,
    onDragEnd: () => {
      setDragging(null);
      setOver(null);
    },
  });

  return (
    <div className="flex flex-col gap-5">
      {queue.offSchedule.length > 0 ? (
        <section aria-labelledby="off-schedule-heading" className="rounded-xl border border-amber-200 bg-amber-50/60 p-3">
          <h3 id="off-schedule-heading" className="text-sm font-semibold text-amber-900">
            Off the schedule
          </h3>
          <p className="mb-2 text-xs text-amber-800">Queued at a time the schedule no longer has: they still go out then. Move one onto a slot to put it back on the schedule.</p>
          <ul className="flex flex-col gap-1.5">
            {queue.offSchedule.map((post) => (
              <li key={post.id} className="flex items-center gap-3">
                <span className="w-40 shrink-0 text-xs text-slate-600 tabular-nums">
                  {post.scheduledAt
                    ? new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: queue.timeZone }).format(new Date(post.scheduledAt))
                    : ''}
                </span>
                <QueuedPost {...cardProps(post, null)} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {days.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 bg-white px-4 py-8 text-center text-sm text-slate-600">
          No slots in these weeks. Add times to the schedule to give queued posts somewhere to go.
        </p>
      ) : (
        days.map(([date, slots]) => (
          <section key={date} aria-label={dayHeading(date)}>
            <h3 className="mb-1.5 text-sm font-semibold text-slate-700">{dayHeading(date)}</h3>
            <ol className="flex flex-col gap-1.5">
              {slots.map((slot) => (
                <li
                  key={slot.at}
                  data-slot={slot.at}
                  aria-label={`${shortDay(slot.date)} ${slot.time}`}
                  {...dropProps(slot)}
                  className={`flex min-h-12 items-center gap-3 rounded-lg border px-2 py-1.5 transition-colors ${
                    over === slot.at ? 'border-indigo-400 bg-indigo-50 ring-2 ring-indigo-200' : 'border-slate-200 bg-white'
                  }`}
                >
                  <span className="flex w-16 shrink-0 flex-col items-center text-sm font-medium text-slate-600 tabular-nums">
                    {slot.time}
                    {otherZone ? (
                      <span className="text-[11px] font-normal text-slate-500" title={`In ${otherZone}`}>
                        {viewerTime(slot.at, otherZone)}
                      </span>
                    ) : null}
                  </span>
                  {slot.post ? (
                    <QueuedPost {...cardProps(slot.post, slot.at)} />
                  ) : (
                    <span className="flex-1 rounded-lg border border-dashed border-slate-200 px-3 py-2 text-sm text-slate-500">Empty slot</span>
                  )}
                </li>
              ))}
            </ol>
          </section>
        ))
      )}
    </div>
  );
}
