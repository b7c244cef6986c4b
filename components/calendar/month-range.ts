import { addMonths, startOfMonth } from 'date-fns';
import { fromCalendarDate } from './zoned-time';

/**
 * The calendar month of a calendar date (see zoned-time.ts) as real instants [from, to): from
 * midnight on its 1st to midnight on the next month's 1st, both on the wall clock of `zone`.
 */
export function monthOf(calendarDate: Date, zone: string): { from: Date; to: Date } {
  const first = startOfMonth(calendarDate);
  return { from: fromCalendarDate(first, zone), to: fromCalendarDate(addMonths(first, 1), zone) };
}

/** "December 2026": the month's name, for the panel's heading. */
export function monthName(calendarDate: Date): string {
  // A calendar date's browser-local wall clock is the zone's: format it in the browser's zone.
  return new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric' }).format(calendarDate);
}
