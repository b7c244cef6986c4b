import { describe, expect, it } from 'vitest';
import { isCalendarView, rangeLabel, stepDate, visibleRange } from './range';

// Calendar dates are browser-local wall clocks: build and read them with local getters.
const local = (d: Date) => [d.getFullYear(), d.getMonth() + 1, d.getDate(), d.getHours(), d.getMinutes()];

describe('visibleRange', () => {
  const date = new Date(2026, 11, 16, 14, 0); // Wed 16 Dec 2026

  it('covers whole weeks around the month', () => {
    const r = visibleRange('month', date);
    expect(local(r.start)).toEqual([2026, 11, 29, 0, 0]); // Sun 29 Nov
    expect(local(r.end)).toEqual([2027, 1, 2, 23, 59]); // Sat 2 Jan
  });

  it('covers the week, starting on the given weekday', () => {
    expect(local(visibleRange('week', date).start)).toEqual([2026, 12, 13, 0, 0]);
    expect(local(visibleRange('week', date).end)).toEqual([2026, 12, 19, 23, 59]);
    expect(local(visibleRange('week', date, 1).start)).toEqual([2026, 12, 14, 0, 0]);
  });

  it('covers the day and the agenda span', () => {
    expect(local(visibleRange('day', date).start)).toEqual([2026, 12, 16, 0, 0]);
    expect(local(visibleRange('day', date).end)).toEqual([2026, 12, 16, 23, 59]);
    expect(local(visibleRange('agenda', date).end)).toEqual([2027, 1, 15, 23, 59]);
  });
});

describe('isCalendarView', () => {
  it('knows the four views', () => {
    expect(['month', 'week', 'day', 'agenda'].every(isCalendarView)).toBe(true);
    expect(isCalendarView('work_week')).toBe(false);
  });
});

describe('stepDate and rangeLabel', () => {
  const d = new Date(2026, 11, 10, 0, 0);
  it('steps by the view’s span', () => {
    expect(local(stepDate('month', d, 1))).toEqual([2027, 1, 10, 0, 0]);
    expect(local(stepDate('week', d, -1))).toEqual([2026, 12, 3, 0, 0]);
    expect(local(stepDate('day', d, 1))).toEqual([2026, 12, 11, 0, 0]);
    expect(local(stepDate('agenda', d, 1))).toEqual([2027, 1, 9, 0, 0]);
  });
  it('labels each view', () => {
    expect(rangeLabel('month', d)).toBe('December 2026');
    expect(rangeLabel('week', d)).toBe('Dec 6 – Dec 12, 2026');
    expect(rangeLabel('day', d)).toBe('Thursday, December 10, 2026');
  });
});
