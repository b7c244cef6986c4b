import { DateTime } from 'luxon';
import type { WeeklySlot } from '../db/schema';

/** What slots.ts needs of a schedule: pure data, so it can be tested without a database. */
export interface SlotSchedule {
  timeZone: string;
  slots: readonly WeeklySlot[];
  blackoutDates: readonly string[];
}

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/**
 * The instant a local wall-clock time names on a local date in `zone`. A slot keeps its local time
 * across daylight-saving changes, so its UTC instant moves instead. Two days a year need a rule
 * (the same as Temporal's "compatible"):
 * - a time that does not exist (spring forward, e.g. 02:30 in Europe/Berlin on the last Sunday of
 *   March) is moved forward by the length of the gap: 03:30;
 * - a time that exists twice (fall back, e.g. 02:30 on the last Sunday of October) is its first
 *   occurrence, still on summer time.
 */
function localInstantUncached(year: number, month: number, day: number, time: string, zone: string): number {
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  // Luxon moves a missing time forward by the gap, and picks the later of two for an ambiguous one.
  const later = DateTime.fromObject({ year, month, day, hour, minute }, { zone });
  const offsetBefore = later.minus({ hours: 3 }).offset;
  if (offsetBefore > later.offset) {
    const earlier = DateTime.fromMillis(later.toMillis() - (offsetBefore - later.offset) * 60_000, { zone });
    if (earlier.day === day && earlier.hour === hour && earlier.minute === minute) return earlier.toMillis();
  }
  return later.toMillis();
}

/**
 * Slot instants already worked out, by zone, date and time: the same slot is looked at by every
 * add to a queue (each search walks the weeks from now), and luxon's zone arithmetic is the cost
 * of a search. Bounded: emptied when full.
 */
const instants = new Map<string, number>();
const MAX_CACHED_INSTANTS = 50_000;

export function localInstant(year: number, month: number, day: number, time: string, zone: string): number {
  const key = `${zone} ${year}-${month}-${day} ${time}`;
  let at = instants.get(key);
  if (at === undefined) {
    if (instants.size >= MAX_CACHED_INSTANTS) instants.clear();
    at = localInstantUncached(year, month, day, time, zone);
    instants.set(key, at);
  }
  return at;
}

/**
 * The schedule's slot instants after `from` and up to `until` (inclusive), earliest first, each
 * once (a moved spring-forward slot can land on another). Blackout dates are local dates in the
 * schedule's zone. The caller bounds the range (the queue's weeks, the schedule horizon).
 */
export function upcomingSlots(schedule: SlotSchedule, from: Date, until: Date): Date[] {
  if (schedule.slots.length === 0 || until <= from) return [];
  const zone = schedule.timeZone;
  const blackout = new Set(schedule.blackoutDates);
  const byDay = new Map<number, string[]>();
  for (const slot of schedule.slots) {
    const weekday = WEEKDAYS.indexOf(slot.day) + 1;
    byDay.set(weekday, [...(byDay.get(weekday) ?? []), slot.time]);
  }
  const found = new Set<number>();
  // Local calendar dates, walked as plain dates (no zone needed to step a date), from a day before
  // the range's first local date to a day after its last: a slot's instant can fall outside its
  // date's UTC span.
  const first = DateTime.fromJSDate(from, { zone });
  const last = DateTime.fromJSDate(until, { zone });
  const end = Date.UTC(last.year, last.month - 1, last.day + 1);
  for (let date = new Date(Date.UTC(first.year, first.month - 1, first.day - 1)); date.getTime() <= end; date.setUTCDate(date.getUTCDate() + 1)) {
    if (blackout.size > 0 && blackout.has(date.toISOString().slice(0, 10))) continue;
    // getUTCDay: 0 is Sunday; the schedule's weekdays are ISO (Monday 1 … Sunday 7).
    for (const time of byDay.get(date.getUTCDay() || 7) ?? []) {
      const at = localInstant(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), time, zone);
      if (at > from.getTime() && at <= until.getTime()) found.add(at);
    }
  }
  return [...found].sort((a, b) => a - b).map((ms) => new Date(ms));
}
