import { describe, expect, it } from 'vitest';
import { pinProcessTimeZone } from '@/tests/support/time-zone';
import { monthName, monthOf } from './month-range';
import { toCalendarDate } from './zoned-time';

// Results must not depend on the machine's zone.
pinProcessTimeZone('Asia/Tokyo');

describe("the calendar month's instants", () => {
  it("runs from the 1st to the next month's 1st at midnight in the calendar's zone, not the browser's", () => {
    // 30 November 23:30 UTC is already 1 December in Paris.
    const shown = toCalendarDate(new Date('2026-11-30T23:30:00Z'), 'Europe/Paris');
    const { from, to } = monthOf(shown, 'Europe/Paris');
    expect(from.toISOString()).toBe('2026-11-30T23:00:00.000Z');
    expect(to.toISOString()).toBe('2026-12-31T23:00:00.000Z');
    expect(monthName(shown)).toBe('December 2026');
  });

  it('follows DST: a March in New York starts at UTC-5 and ends at UTC-4', () => {
    const { from, to } = monthOf(toCalendarDate(new Date('2027-03-15T12:00:00Z'), 'America/New_York'), 'America/New_York');
    expect(from.toISOString()).toBe('2027-03-01T05:00:00.000Z');
    expect(to.toISOString()).toBe('2027-04-01T04:00:00.000Z');
  });

  it('crosses the year', () => {
    const { from, to } = monthOf(toCalendarDate(new Date('2026-12-31T20:00:00Z'), 'UTC'), 'UTC');
    expect([from.toISOString(), to.toISOString()]).toEqual(['2026-12-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z']);
  });
});
