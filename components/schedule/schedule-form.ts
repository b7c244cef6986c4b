import type { ApiFailure, ScheduleBody } from '../api/client';
import type { WeeklySlot } from '@/lib/db/schema';
import type { ScheduleView } from '@/lib/schedules/view';

export type Weekday = WeeklySlot['day'];

/** Monday first, as the server's schedule counts them. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const satisfies readonly Weekday[];

export const WEEKDAY_NAMES: Record<Weekday, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

/** The editor's copy of a schedule: times per weekday (sorted), blackout dates (sorted). */
export interface ScheduleDraft {
  timeZone: string;
  times: Record<Weekday, string[]>;
  blackoutDates: string[];
}

const sortedUnique = (values: readonly string[]) => [...new Set(values)].sort();

export function draftFromView(view: Pick<ScheduleView, 'timeZone' | 'slots' | 'blackoutDates'>): ScheduleDraft {
  const times = Object.fromEntries(WEEKDAYS.map((day) => [day, sortedUnique(view.slots.filter((s) => s.day === day).map((s) => s.time))])) as Record<Weekday, string[]>;
  return { timeZone: view.timeZone, times, blackoutDates: sortedUnique(view.blackoutDates) };
}

export function bodyFromDraft(draft: ScheduleDraft): ScheduleBody {
  return {
    timeZone: draft.timeZone.trim(),
    slots: WEEKDAYS.flatMap((day) => draft.times[day].map((time) => ({ day, time }))),
    blackoutDates: draft.blackoutDates,
  };
}

/** Adds `time` (HH:MM) to one day, or to every day; a time already there stays once. */
export function addTime(draft: ScheduleDraft, days: readonly Weekday[], time: string): ScheduleDraft {
  const times = { ...draft.times };
  for (const day of days) times[day] = sortedUnique([...times[day], time]);
  return { ...draft, times };
}

export function removeTime(draft: ScheduleDraft, day: Weekday, time: string): ScheduleDraft {
  return { ...draft, times: { ...draft.times, [day]: draft.times[day].filter((t) => t !== time) } };
}

export function addDate(draft: ScheduleDraft, date: string): ScheduleDraft {
  return { ...draft, blackoutDates: sortedUnique([...draft.blackoutDates, date]) };
}

export function removeDate(draft: ScheduleDraft, date: string): ScheduleDraft {
  return { ...draft, blackoutDates: draft.blackoutDates.filter((d) => d !== date) };
}

export function slotCount(draft: ScheduleDraft): number {
  return WEEKDAYS.reduce((n, day) => n + draft.times[day].length, 0);
}

/** Whether the browser knows the zone (the server checks again; this only saves a round trip). */
export function isKnownTimeZone(zone: string): boolean {
  if (!zone.trim()) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone.trim() });
    return true;
  } catch {
    return false;
  }
}

/** Server messages by the part of the editor they are about; the rest shown above it. */
export interface ScheduleErrors {
  general: string[];
  timeZone: string[];
  slots: string[];
  blackoutDates: string[];
}

export const NO_SCHEDULE_ERRORS: ScheduleErrors = { general: [], timeZone: [], slots: [], blackoutDates: [] };

/** `fields` keys are paths (`timeZone`, `slots.3.time`, `blackoutDates.0`); a slot's message names its slot. */
export function scheduleErrors(failure: ApiFailure, draft: ScheduleDraft): ScheduleErrors {
  const out: ScheduleErrors = { general: [], timeZone: [], slots: [], blackoutDates: [] };
  const entries = Object.entries(failure.fields);
  if (entries.length === 0) out.general.push(failure.error);
  const slots = bodyFromDraft(draft).slots;
  for (const [key, messages] of entries) {
    const [head, index] = key.split('.');
    if (head === 'timeZone') out.timeZone.push(...messages);
    else if (head === 'slots') {
      const slot = index === undefined ? undefined : slots[Number(index)];
      out.slots.push(...messages.map((m) => (slot ? `${WEEKDAY_NAMES[slot.day]} ${slot.time}: ${m}` : m)));
    } else if (head === 'blackoutDates') {
      const date = index === undefined ? undefined : draft.blackoutDates[Number(index)];
      out.blackoutDates.push(...messages.map((m) => (date ? `${date}: ${m}` : m)));
    } else out.general.push(...messages);
  }
  return out;
}
