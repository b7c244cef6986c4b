'use client';

import { format, isSameMonth } from 'date-fns';
import { excerpt } from '../excerpt';
import { StatusBadge } from '../status-badge';
import type { CalendarPost } from './types';

export interface MonthListProps {
  /** The month shown (any calendar date in it). */
  date: Date;
  events: CalendarPost[];
  onOpen: (event: CalendarPost) => void;
  /** Today's calendar date in the shown zone, to mark it. */
  today: Date;
}

/**
 * The month on a phone: a seven-column grid of 50-px cells cannot show posts, so the month is
 * a list of its days that have any, each a heading with its posts as buttons under it. Headings
 * let screen readers jump day to day; every post is a Tab stop and opens in the composer.
 */
export function MonthList({ date, events, onOpen, today }: MonthListProps) {
  const days = new Map<string, CalendarPost[]>();
  for (const event of [...events].sort((a, b) => a.start.getTime() - b.start.getTime())) {
    if (!isSameMonth(event.start, date)) continue;
    const key = format(event.start, 'yyyy-MM-dd');
    days.set(key, [...(days.get(key) ?? []), event]);
  }
  const todayKey = format(today, 'yyyy-MM-dd');
  return (
    <ol aria-label={`Posts in ${format(date, 'MMMM yyyy')}`} className="month-list flex flex-col gap-3">
      {[...days.entries()].map(([key, dayEvents]) => (
        <li key={key}>
          <h3 className="mb-1 text-xs font-semibold tracking-wide text-slate-500 uppercase">
            {format(dayEvents[0]!.start, 'EEE, MMM d')}
            {key === todayKey ? <span className="ml-1 text-sky-700 normal-case">· today</span> : null}
          </h3>
          <ul className="flex flex-col gap-1.5">
            {dayEvents.map((event) => (
              <li key={event.id}>
                <button
                  type="button"
                  onClick={() => onOpen(event)}
                  className={`post-event post-event--${event.post.status} w-full rounded-lg border border-slate-200 px-3 py-2 text-left text-sm focus-visible:outline-2 focus-visible:outline-slate-900`}
                >
                  <span className="flex items-center gap-1.5 text-xs">
                    <span className="font-medium tabular-nums">{format(event.start, 'h:mm a')}</span>
                    <span className="truncate text-slate-600">@{event.post.accountUsername}</span>
                    <StatusBadge status={event.post.status} className="ml-auto shrink-0" />
                  </span>
                  <span className="mt-0.5 block truncate text-slate-800">{excerpt(event.post.parts[0]?.text ?? '', 120)}</span>
                </button>
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ol>
  );
}
