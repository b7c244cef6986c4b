import { describe, expect, it } from 'vitest';
import { pinProcessTimeZone } from '@/tests/support/time-zone';
import {
  atWallClock,
  browserTimeZone,
  effectiveTimeZone,
  formatInZone,
  fromCalendarDate,
  fromDateTimeLocalValue,
  nextHalfHour,
  toCalendarDate,
  toDateTimeLocalValue,
} from './zoned-time';

// The "browser" is this process: pin its zone so the results don't depend on the machine.
// Asia/Tokyo has no DST, so no browser-side gaps interfere with the user-zone cases below.
pinProcessTimeZone('Asia/Tokyo');

const utc = (iso: string) => new Date(iso);
const wall = (d: Date) => [d.getFullYear(), d.getMonth() + 1, d.getDate(), d.getHours(), d.getMinutes()];

describe('the test environment', () => {
  it('runs with the pinned browser zone', () => {
    expect(browserTimeZone()).toBe('Asia/Tokyo');
    expect(new Date(0).getTimezoneOffset()).toBe(-540);
  });
});

describe('effectiveTimeZone', () => {
  it("uses the user's zone when set, else the browser's", () => {
    expect(effectiveTimeZone('Europe/Paris', 'Asia/Tokyo')).toBe('Europe/Paris');
    expect(effectiveTimeZone(null, 'Asia/Tokyo')).toBe('Asia/Tokyo');
    expect(effectiveTimeZone('', 'Asia/Tokyo')).toBe('Asia/Tokyo');
    expect(effectiveTimeZone(undefined)).toBe('Asia/Tokyo');
  });
});

describe('toCalendarDate / fromCalendarDate', () => {
  it("shows the user-zone wall clock on the browser's local clock", () => {
    const d = toCalendarDate(utc('2026-07-15T13:30:00Z'), 'America/New_York');
    expect(wall(d)).toEqual([2026, 7, 15, 9, 30]);
  });

  it('crosses the date line correctly', () => {
    const d = toCalendarDate(utc('2026-01-01T02:00:00Z'), 'America/Los_Angeles');
    expect(wall(d)).toEqual([2025, 12, 31, 18, 0]);
  });

  it('round-trips to the same instant', () => {
    for (const iso of ['2026-07-15T13:30:00.000Z', '2026-01-01T02:00:00.000Z', '2026-10-25T00:59:59.999Z']) {
      for (const zone of ['America/New_York', 'Europe/London', 'Asia/Kolkata', 'Asia/Kathmandu', 'Pacific/Chatham', 'UTC']) {
        expect(fromCalendarDate(toCalendarDate(utc(iso), zone), zone).toISOString()).toBe(iso);
      }
    }
  });

  it('is the identity when the user zone is the browser zone', () => {
    const t = utc('2026-07-15T13:30:00Z');
    expect(toCalendarDate(t, 'Asia/Tokyo').getTime()).toBe(t.getTime());
    expect(fromCalendarDate(t, 'Asia/Tokyo').getTime()).toBe(t.getTime());
  });

  it("follows the user zone's DST jump", () => {
    // New York springs forward on 2026-03-08: 01:59 EST is followed by 03:00 EDT.
    expect(wall(toCalendarDate(utc('2026-03-08T06:59:00Z'), 'America/New_York'))).toEqual([2026, 3, 8, 1, 59]);
    expect(wall(toCalendarDate(utc('2026-03-08T07:00:00Z'), 'America/New_York'))).toEqual([2026, 3, 8, 3, 0]);
  });

  it('maps a dropped slot (calendar date) to the instant in the user zone', () => {
    // The user drops a post on "Mon 9 Mar 2026, 09:00" while their zone is New York (EDT, UTC-4).
    const dropped = new Date(2026, 2, 9, 9, 0);
    expect(fromCalendarDate(dropped, 'America/New_York').toISOString()).toBe('2026-03-09T13:00:00.000Z');
  });
});

describe('datetime-local values', () => {
  it('formats the wall clock in the zone', () => {
    expect(toDateTimeLocalValue(utc('2026-12-01T09:30:00Z'), 'Europe/Paris')).toBe('2026-12-01T10:30');
    expect(toDateTimeLocalValue(utc('2026-12-01T09:30:00Z'), 'America/Los_Angeles')).toBe('2026-12-01T01:30');
    expect(toDateTimeLocalValue(utc('2026-12-01T09:30:00Z'), 'Asia/Kathmandu')).toBe('2026-12-01T15:15');
  });

  it('parses a value as a wall clock in the zone', () => {
    expect(fromDateTimeLocalValue('2026-12-01T10:30', 'Europe/Paris')?.toISOString()).toBe('2026-12-01T09:30:00.000Z');
    expect(fromDateTimeLocalValue('2026-07-01T10:30', 'Europe/Paris')?.toISOString()).toBe('2026-07-01T08:30:00.000Z');
    expect(fromDateTimeLocalValue('2026-07-01T10:30:15', 'UTC')?.toISOString()).toBe('2026-07-01T10:30:15.000Z');
    expect(fromDateTimeLocalValue('2026-07-01T10:30:15.5', 'UTC')?.toISOString()).toBe('2026-07-01T10:30:15.500Z');
  });

  it('round-trips', () => {
    for (const zone of ['America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe', 'UTC']) {
      const t = utc('2026-05-17T21:45:00Z');
      expect(fromDateTimeLocalValue(toDateTimeLocalValue(t, zone), zone)?.toISOString()).toBe(t.toISOString());
    }
  });

  it('moves a time skipped by spring-forward past the gap', () => {
    // 02:30 does not exist in New York on 2026-03-08; it becomes 03:30 EDT.
    expect(fromDateTimeLocalValue('2026-03-08T02:30', 'America/New_York')?.toISOString()).toBe('2026-03-08T07:30:00.000Z');
  });

  it('picks one of the two instants of a repeated (fall-back) time', () => {
    // 01:30 happens twice in New York on 2026-11-01 (EDT, then EST).
    const t = fromDateTimeLocalValue('2026-11-01T01:30', 'America/New_York')?.toISOString();
    expect(['2026-11-01T05:30:00.000Z', '2026-11-01T06:30:00.000Z']).toContain(t);
  });

  it('rejects empty, malformed and impossible values', () => {
    for (const value of ['', 'tomorrow', '2026-12-01', '2026-12-01 10:30x', '2026-13-01T10:00', '2026-02-31T10:00', '2026-12-01T24:00']) {
      expect(fromDateTimeLocalValue(value, 'Europe/Paris')).toBeNull();
    }
  });
});

describe('nextHalfHour', () => {
  const next = (iso: string, zone: string) => nextHalfHour(utc(iso), zone).toISOString();

  it('rounds up to the next :00 or :30 strictly after now', () => {
    expect(next('2026-12-01T09:12:00Z', 'Europe/Paris')).toBe('2026-12-01T09:30:00.000Z');
    expect(next('2026-12-01T09:30:00Z', 'Europe/Paris')).toBe('2026-12-01T10:00:00.000Z');
    expect(next('2026-12-01T09:45:10Z', 'Europe/Paris')).toBe('2026-12-01T10:00:00.000Z');
  });

  it('rolls over midnight and month ends in the zone', () => {
    // 23:50 on 30 April in Paris (UTC+2) → 00:00 on 1 May.
    expect(next('2026-04-30T21:50:00Z', 'Europe/Paris')).toBe('2026-04-30T22:00:00.000Z');
  });

  it("rounds on the zone's own wall clock for :45 offsets", () => {
    // 05:45 in Kathmandu (UTC+5:45) → 06:00 local = 00:15Z.
    expect(next('2026-01-01T00:00:00Z', 'Asia/Kathmandu')).toBe('2026-01-01T00:15:00.000Z');
  });

  it('is always in the future, also in a repeated hour', () => {
    for (const iso of ['2026-11-01T05:40:00Z', '2026-11-01T06:10:00Z', '2026-11-01T06:40:00Z']) {
      const now = utc(iso);
      const result = nextHalfHour(now, 'America/New_York');
      expect(result.getTime()).toBeGreaterThan(now.getTime());
      expect(result.getTime() - now.getTime()).toBeLessThanOrEqual(30 * 60_000);
    }
  });
});

describe('atWallClock', () => {
  it("sets the time of day on the zone's calendar day", () => {
    // 2026-12-01T23:30Z is already 2 December in Tokyo.
    expect(atWallClock(utc('2026-12-01T23:30:00Z'), 'Asia/Tokyo', 9, 0).toISOString()).toBe('2026-12-02T00:00:00.000Z');
    expect(atWallClock(utc('2026-12-01T23:30:00Z'), 'America/New_York', 9, 0).toISOString()).toBe('2026-12-01T14:00:00.000Z');
  });
});

describe('formatInZone', () => {
  it('shows the time in the given zone', () => {
    const text = formatInZone('2026-12-01T09:30:00Z', 'America/New_York', { hour12: false });
    expect(text).toContain('04:30');
    expect(text).toContain('2026');
  });
});
