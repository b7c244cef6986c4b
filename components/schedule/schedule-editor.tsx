'use client';

import { useId, useMemo, useState } from 'react';
import type { ScheduleView } from '@/lib/schedules/view';
import * as api from '../api/client';
import { Button } from '../ui/button';
import { ErrorList } from '../ui/error-list';
import { controlStyle, Field } from '../ui/field';
import {
  addDate,
  addTime,
  bodyFromDraft,
  draftFromView,
  isKnownTimeZone,
  NO_SCHEDULE_ERRORS,
  removeDate,
  removeTime,
  scheduleErrors,
  slotCount,
  WEEKDAY_NAMES,
  WEEKDAYS,
  type ScheduleDraft,
  type ScheduleErrors,
  type Weekday,
} from './schedule-form';

export interface ScheduleEditorProps {
  accountId: string;
  schedule: ScheduleView;
  /** Saved: the schedule as the server now has it. */
  onSaved: (schedule: ScheduleView) => void;
}

/** The zones offered: the browser's list, plus UTC, which some runtimes list only as an alias. */
function timeZones(): string[] {
  const zones = Intl.supportedValuesOf('timeZone');
  return zones.includes('UTC') ? zones : ['UTC', ...zones];
}

/** A small removable chip: its button's name says what it removes. */
function Chip({ label, removeLabel, onRemove }: { label: string; removeLabel: string; onRemove: () => void }) {
  return (
    <li className="flex items-center gap-1 rounded-full bg-slate-100 py-0.5 pr-0.5 pl-2.5 text-sm text-slate-800 tabular-nums">
      {label}
      <button
        type="button"
        onClick={onRemove}
        aria-label={removeLabel}
        className="grid size-5 place-items-center rounded-full text-slate-500 hover:bg-slate-200 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-slate-900"
      >
        <span aria-hidden="true">×</span>
      </button>
    </li>
  );
}

function DayRow({ day, times, onRemove }: { day: Weekday; times: string[]; onRemove: (time: string) => void }) {
  return (
    <div className="flex items-start gap-3 py-1.5">
      <span className="w-24 shrink-0 pt-0.5 text-sm font-medium text-slate-700">{WEEKDAY_NAMES[day]}</span>
      {times.length === 0 ? (
        <span className="pt-0.5 text-sm text-slate-500">No slots</span>
      ) : (
        <ul aria-label={`${WEEKDAY_NAMES[day]} slots`} className="flex flex-wrap gap-1.5">
          {times.map((time) => (
            <Chip key={time} label={time} removeLabel={`Remove ${WEEKDAY_NAMES[day]} ${time}`} onRemove={() => onRemove(time)} />
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * The account's posting schedule: its zone, the weekly times, and the dates with no slots.
 * Edited locally and saved whole (PUT); posts already queued keep their times.
 */
export function ScheduleEditor({ accountId, schedule, onSaved }: ScheduleEditorProps) {
  const ids = useId();
  const zones = useMemo(() => timeZones(), []);
  const [draft, setDraft] = useState<ScheduleDraft>(() => draftFromView(schedule));
  const [newTime, setNewTime] = useState('09:00');
  const [newTimeDay, setNewTimeDay] = useState<Weekday | 'all'>('all');
  const [newDate, setNewDate] = useState('');
  const [errors, setErrors] = useState<ScheduleErrors>(NO_SCHEDULE_ERRORS);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);

  function change(next: ScheduleDraft) {
    setDraft(next);
    setSaved(null);
  }

  async function save() {
    setSaved(null);
    if (!isKnownTimeZone(draft.timeZone)) {
      setErrors({ ...NO_SCHEDULE_ERRORS, timeZone: ['Unknown time zone: pick one from the list, e.g. Europe/Berlin.'] });
      return;
    }
    setErrors(NO_SCHEDULE_ERRORS);
    setSaving(true);
    const result = await api.schedules.put(accountId, bodyFromDraft(draft));
    setSaving(false);
    if (!result.ok) {
      setErrors(scheduleErrors(result, draft));
      return;
    }
    setDraft(draftFromView(result.data));
    setSaved('Schedule saved.');
    onSaved(result.data);
  }

  const count = slotCount(draft);
  const zoneId = `${ids}-zone`;
  const timeId = `${ids}-time`;
  const dayId = `${ids}-day`;
  const dateId = `${ids}-date`;

  return (
    <form
      aria-labelledby={`${ids}-title`}
      className="flex flex-col gap-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <div>
        <h2 id={`${ids}-title`} className="text-base font-semibold tracking-tight">
          Schedule
        </h2>
        <p className="text-sm text-slate-500">When queued posts go out: {count === 1 ? '1 slot' : `${count} slots`} a week.</p>
      </div>

      {errors.general.length > 0 ? (
        <div role="alert" className="rounded-lg border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-800">
          {errors.general.join(' ')}
        </div>
      ) : null}

      <Field id={zoneId} label="Time zone" hint="Slots and blackout dates are local times and dates in this zone." errors={errors.timeZone}>
        {(control) => (
          <>
            <input
              {...control}
              list={`${zoneId}-list`}
              value={draft.timeZone}
              onChange={(e) => change({ ...draft, timeZone: e.target.value })}
              autoComplete="off"
              spellCheck={false}
              className={`w-full px-3 py-2 text-sm ${controlStyle(control['aria-invalid'])}`}
            />
            <datalist id={`${zoneId}-list`}>
              {zones.map((zone) => (
                <option key={zone} value={zone} />
              ))}
            </datalist>
          </>
        )}
      </Field>

      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-xs font-medium text-slate-600">Weekly slots</legend>
        <div className="divide-y divide-slate-100">
          {WEEKDAYS.map((day) => (
            <DayRow key={day} day={day} times={draft.times[day]} onRemove={(time) => change(removeTime(draft, day, time))} />
          ))}
        </div>
        <div className="flex flex-wrap items-end gap-2 rounded-lg bg-slate-50 p-2">
          <div className="flex flex-col gap-1">
            <label htmlFor={timeId} className="text-xs font-medium text-slate-600">
              New slot time
            </label>
            <input id={timeId} type="time" value={newTime} onChange={(e) => setNewTime(e.target.value)} className={`px-2 py-1.5 text-sm ${controlStyle(false)}`} />
          </div>
          <div className="flex flex-col gap-1">
            <label htmlFor={dayId} className="text-xs font-medium text-slate-600">
              On
            </label>
            <select id={dayId} value={newTimeDay} onChange={(e) => setNewTimeDay(e.target.value as Weekday | 'all')} className={`px-2 py-1.5 text-sm ${controlStyle(false)}`}>
              <option value="all">Every day</option>
              {WEEKDAYS.map((day) => (
                <option key={day} value={day}>
                  {WEEKDAY_NAMES[day]}
                </option>
              ))}
            </select>
          </div>
          <Button size="sm" disabled={!/^\d{2}:\d{2}$/.test(newTime)} onClick={() => change(addTime(draft, newTimeDay === 'all' ? WEEKDAYS : [newTimeDay], newTime))}>
            Add slot
          </Button>
        </div>
        <ErrorList messages={errors.slots} />
      </fieldset>

      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-xs font-medium text-slate-600">Blackout dates (no slots on these days)</legend>
        {draft.blackoutDates.length === 0 ? (
          <p className="text-sm text-slate-500">None</p>
        ) : (
          <ul aria-label="Blackout dates" className="flex flex-wrap gap-1.5">
            {draft.blackoutDates.map((date) => (
              <Chip key={date} label={date} removeLabel={`Remove blackout ${date}`} onRemove={() => change(removeDate(draft, date))} />
            ))}
          </ul>
        )}
        <div className="flex flex-wrap items-end gap-2 rounded-lg bg-slate-50 p-2">
          <div className="flex flex-col gap-1">
            <label htmlFor={dateId} className="text-xs font-medium text-slate-600">
              Blackout date
            </label>
            <input id={dateId} type="date" value={newDate} onChange={(e) => setNewDate(e.target.value)} className={`px-2 py-1.5 text-sm ${controlStyle(false)}`} />
          </div>
          <Button
            size="sm"
            disabled={!/^\d{4}-\d{2}-\d{2}$/.test(newDate)}
            onClick={() => {
              change(addDate(draft, newDate));
              setNewDate('');
            }}
          >
            Add date
          </Button>
        </div>
        <ErrorList messages={errors.blackoutDates} />
      </fieldset>

      <div className="flex items-center gap-3">
        <Button type="submit" variant="primary" busy={saving} disabled={saving}>
          Save schedule
        </Button>
        <span role="status" className="text-sm text-emerald-800">
          {saved}
        </span>
      </div>
    </form>
  );
}
