import { addDays, addMonths, addWeeks, endOfDay, endOfMonth, endOfWeek, format, startOfDay, startOfMonth, startOfWeek } from 'date-fns';

export type CalendarViewName = 'month' | 'week' | 'day' | 'agenda';

export const CALENDAR_VIEWS: readonly CalendarViewName[] = ['month', 'week', 'day', 'agenda'];

/** react-big-calendar's agenda shows this many days from the current date (its default `length`). */
export const AGENDA_DAYS = 30;

export interface DateRange {
  start: Date;
  end: Date;
}

/**
 * The span of calendar dates (browser-local wall clock, see zoned-time.ts) a view shows,
 * computed the way react-big-calendar lays its views out, so we can fetch exactly the posts
 * on screen. Its own onRangeChange is not called for the first render, hence our own.
 */
export function visibleRange(view: CalendarViewName, date: Date, weekStartsOn: 0 | 1 | 2 | 3 | 4 | 5 | 6 = 0): DateRange {
  switch (view) {
    case 'month':
      return { start: startOfWeek(startOfMonth(date), { weekStartsOn }), end: endOfWeek(endOfMonth(date), { weekStartsOn }) };
    case 'week':
      return { start: startOfWeek(date, { weekStartsOn }), end: endOfWeek(date, { weekStartsOn }) };
    case 'day':
      return { start: startOfDay(date), end: endOfDay(date) };
    case 'agenda':
      return { start: startOfDay(date), end: endOfDay(addDays(date, AGENDA_DAYS)) };
  }
}

export function isCalendarView(value: string): value is CalendarViewName {
  return (CALENDAR_VIEWS as readonly string[]).includes(value);
}

/** Where Back / Next go from `date` in `view` (as react-big-calendar's own toolbar would). */
export function stepDate(view: CalendarViewName, date: Date, direction: 1 | -1): Date {
  switch (view) {
    case 'month':
      return addMonths(date, direction);
    case 'week':
      return addWeeks(date, direction);
    case 'day':
      return addDays(date, direction);
    case 'agenda':
      return addDays(date, direction * AGENDA_DAYS);
  }
}

/** The toolbar's heading: "December 2026", "Dec 6 – Dec 12, 2026", "Thursday, December 10, 2026". */
export function rangeLabel(view: CalendarViewName, date: Date, weekStartsOn: 0 | 1 | 2 | 3 | 4 | 5 | 6 = 0): string {
  if (view === 'month') return format(date, 'MMMM yyyy');
  if (view === 'day') return format(date, 'EEEE, MMMM d, yyyy');
  const { start, end } = visibleRange(view, date, weekStartsOn);
  return `${format(start, 'MMM d')} – ${format(end, 'MMM d, yyyy')}`;
}
