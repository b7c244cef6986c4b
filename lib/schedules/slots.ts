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
export function localInstant(date: DateTime, time: string, zone: string): DateTime {
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  // Luxon moves a missing time forward by the gap, and picks the later of two for an ambiguous one.
  const later = DateTime.fromObject({ year: date.year, month: date.month, day: date.day, hour, minute }, { zone });
  const offsetBefore = later.minus({ hours: 3 }).offset;
  if (offsetBefore > later.offset) {
    const earlier = DateTime.fromMillis(later.toMillis() - (offsetBefore - later.offset) * 60_000, { zone });
    if (earlier.day === date.day && earlier.hour === hour && earlier.minute === minute) return earlier;
  }
  return later;
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
  // A day earlier and later than the range's local dates: a slot's instant can fall outside its date's UTC span.
  const last = DateTime.fromJSDate(until, { zone }).startOf('day').plus({ days: 1 });
  for (let day = DateTime.fromJSDate(from, { zone }).startOf('day').minus({ days: 1 }); day <= last; day = day.plus({ days: 1 })) {
    if (blackout.has(day.toISODate() ?? '')) continue;
    for (const time of byDay.get(day.weekday) ?? []) {
      const at = localInstant(day, time, zone).toMillis();
      if (at > from.getTime() && at <= until.getTime()) found.add(at);
    }
  }
  return [...found].sort((a, b) => a - b).map((ms) => new Date(ms));
}
