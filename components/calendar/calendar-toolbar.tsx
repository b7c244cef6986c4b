'use client';

import type { ToolbarProps, View } from 'react-big-calendar';
import type { CalendarPost } from './types';

const VIEW_LABELS: Partial<Record<View, string>> = { month: 'Month', week: 'Week', day: 'Day', agenda: 'Agenda' };

const button = 'rounded-md px-2.5 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-slate-900';

/** react-big-calendar's toolbar, restyled: Today / back / next, the range, and the view switcher. */
export function CalendarToolbar({ label, onNavigate, onView, view, views }: ToolbarProps<CalendarPost>) {
  const names = (Array.isArray(views) ? views : (Object.keys(views) as View[])).filter((v) => VIEW_LABELS[v]);
  return (
    <div className="mb-3 flex flex-wrap items-center gap-2">
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
      <div role="group" aria-label="Calendar view" className="ml-auto flex rounded-lg bg-slate-100 p-0.5">
        {names.map((name) => (
          <button
            key={name}
            type="button"
            aria-pressed={view === name}
            onClick={() => onView(name)}
            className={`rounded-md px-3 py-1 text-sm font-medium ${view === name ? 'bg-white text-slate-900 shadow-sm' : 'text-slate-600 hover:text-slate-900'}`}
          >
            {VIEW_LABELS[name]}
          </button>
        ))}
      </div>
    </div>
  );
}
