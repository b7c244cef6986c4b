'use client';

import { useActionState } from 'react';
import type { TimeZoneFormState } from '@/app/(dashboard)/accounts/actions';
import { formatInZone } from '../calendar/zoned-time';
import { useBrowserTimeZone } from '../use-browser-time-zone';

export interface TimeZoneFormProps {
  /** The saved setting; null follows the browser. */
  current: string | null;
  zones: string[];
  action: (previous: TimeZoneFormState, form: FormData) => Promise<TimeZoneFormState>;
}

const initial: TimeZoneFormState = { status: 'idle', message: '' };

/** Picks the zone the calendar and composer use; saved by a server action. */
export function TimeZoneForm({ current, zones, action }: TimeZoneFormProps) {
  const [state, formAction, pending] = useActionState(action, initial);
  const browserZone = useBrowserTimeZone();
  // Only once in the browser: the server's clock and zone would render a different text.
  const shown = browserZone ? (current ?? browserZone) : null;

  return (
    <form action={formAction} className="flex flex-col gap-3">
      <div>
        <label htmlFor="time-zone-select" className="mb-1 block text-xs font-medium text-slate-600">
          Time zone
        </label>
        <div className="flex flex-wrap items-center gap-2">
          {/* Uncontrolled, so the form also works before hydration (a plain POST to the action).
              Keyed by the saved value: React resets a form after its action, and the reset must
              land on the zone just saved, not on the one the page was first rendered with. */}
          <select
            key={current ?? ''}
            id="time-zone-select"
            name="timeZone"
            defaultValue={current ?? ''}
            aria-describedby="time-zone-hint"
            className="min-w-64 rounded-lg border border-slate-200 bg-white px-3 py-2 text-sm focus:outline-2 focus:outline-slate-900"
          >
            <option value="">Browser default{browserZone ? ` (${browserZone})` : ''}</option>
            {zones.map((zone) => (
              <option key={zone} value={zone}>
                {zone.replaceAll('_', ' ')}
              </option>
            ))}
          </select>
          <button type="submit" disabled={pending} className="rounded-lg bg-slate-900 px-4 py-2 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-50">
            {pending ? 'Saving…' : 'Save'}
          </button>
        </div>
        <p id="time-zone-hint" className="mt-1 text-xs text-slate-500">
          The calendar and the composer show and read times in this zone.
          {shown ? ` It is now ${formatInZone(new Date(), shown, { weekday: undefined, year: undefined })} there.` : ''}
        </p>
      </div>
      <p role="status" className={state.status === 'error' ? 'text-sm text-rose-700' : 'text-sm text-emerald-700'}>
        {state.message}
      </p>
    </form>
  );
}
