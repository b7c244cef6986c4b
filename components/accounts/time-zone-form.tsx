'use client';

import { useActionState } from 'react';
import { formatInZone } from '../calendar/zoned-time';
import { Button } from '../ui/button';
import { controlStyle, Field } from '../ui/field';
import { useBrowserTimeZone } from '../use-browser-time-zone';

/** What saving the time zone answered (the server action's result). */
export interface TimeZoneFormState {
  status: 'idle' | 'saved' | 'error';
  message: string;
}

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
  const hint = `The calendar and the composer show and read times in this zone.${shown ? ` It is now ${formatInZone(new Date(), shown, { weekday: undefined, year: undefined })} there.` : ''}`;

  return (
    <form action={formAction} className="flex flex-col gap-3">
      <Field id="time-zone" label="Time zone" hint={hint}>
        {(control) => (
          <div className="flex flex-wrap items-center gap-2">
            {/* Uncontrolled, so the form also works before hydration (a plain POST to the action).
                Keyed by the saved value: React resets a form after its action, and the reset must
                land on the zone just saved, not on the one the page was first rendered with. */}
            <select key={current ?? ''} {...control} name="timeZone" defaultValue={current ?? ''} className={`min-w-64 px-3 py-2 text-sm ${controlStyle(false)}`}>
              <option value="">Browser default{browserZone ? ` (${browserZone})` : ''}</option>
              {zones.map((zone) => (
                <option key={zone} value={zone}>
                  {zone.replaceAll('_', ' ')}
                </option>
              ))}
            </select>
            <Button type="submit" variant="primary" disabled={pending}>
              {pending ? 'Saving…' : 'Save'}
            </Button>
          </div>
        )}
      </Field>
      <p role="status" className={state.status === 'error' ? 'text-sm text-rose-700' : 'text-sm text-emerald-700'}>
        {state.message}
      </p>
    </form>
  );
}
