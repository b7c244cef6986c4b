'use client';

import type { ReactNode } from 'react';
import { CALENDAR_VIEWS, type CalendarViewName } from './range';

const VIEW_LABELS: Record<CalendarViewName, string> = { month: 'Month', week: 'Week', day: 'Day', agenda: 'Agenda' };

const button = 'rounded-md px-2.5 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-slate-900';

export interface CalendarToolbarProps {
  label: string;
  view: CalendarViewName;
  onNavigate: (to: 'TODAY' | 'PREV' | 'NEXT') => void;
  onView: (view: CalendarViewName) => void;
  loading: boolean;
  /** The filters, on their own line under the navigation. */
  children?: ReactNode;
}

/**
 * Today / back / next, the range, the view switcher and the filters. Drawn by us rather than
 * inside react-big-calendar, so it stays the same above the phone-sized month list.
 */
export function CalendarToolbar({ label, view, onNavigate, onView, loading, children }: CalendarToolbarProps) {
  return (
    <div className="mb-3 flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-2">
        <div className="flex items-center gap-1">
          <button type="button" className={`${button} ring-1 ring-slate-200`} onClick={() => onNavigate('TODAY')}>
            Today
          </button>
          <button type="button" className={button} onClick={() => onNavigate('PREV')} aria-label="Previous">
            <span aria-hidden="true">‹</span>
          </button>
          <button type="button" className={button} onClick={() => onNavigate('NEXT')} aria-label="Next">
            <span aria-hidden="true">›</span>
          </button>
        </div>
        <h2 className="text-lg font-semibold tracking-tight text-slate-900" aria-live="polite">
          {label}
        </h2>
        <span role="status" className="text-xs text-slate-500">
          {loading ? 'Loading posts…' : ''}
        </span>
        <div role="group" aria-label="Calendar view" className="ml-auto flex rounded-lg bg-slate-100 p-0.5">
          {CALENDAR_VIEWS.map((name) => (
            <button
              key={name}
              type="button"
              aria-pressed={view === name}
              onClick={() => onView(name)}
              className={`rounded-md px-3 py-1 text-sm font-medium focus-visible:outline-2 focus-visible:outline-slate-900 ${view === name ? 'bg-white text-slate-900 shadow-sm' : 'text-slate-600 hover:text-slate-900'}`}
            >
              {VIEW_LABELS[name]}
            </button>
          ))}
        </div>
      </div>
      {children}
    </div>
  );
}
