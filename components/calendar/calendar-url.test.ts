import { describe, expect, it } from 'vitest';
import { DEFAULT_QUERY, calendarDateOf, dayOf, formatCalendarQuery, isCalendarDay, isTimeZone, parseCalendarQuery } from './calendar-url';

const A = '0b9c3c1e-2f4a-4c55-9a1e-1d2e3f4a5b6c';
const B = '7e0f6a2b-9c8d-4e1f-8a7b-6c5d4e3f2a1b';
const parse = (qs: string, known?: string[]) => parseCalendarQuery(new URLSearchParams(qs), known ? new Set(known) : undefined);

describe('parseCalendarQuery', () => {
  it('reads the whole state from the issue’s example link', () => {
    expect(parse(`view=week&date=2026-12-10&account=${A}&status=scheduled,failed`)).toEqual({
      view: 'week',
      date: '2026-12-10',
      tz: null,
      accounts: [A],
      statuses: ['scheduled', 'failed'],
      post: null,
    });
  });

  it('gives the default calendar for an empty query', () => {
    expect(parse('')).toEqual(DEFAULT_QUERY);
  });

  it('drops what makes no sense instead of failing', () => {
    expect(parse('view=year&date=2026-02-31&tz=Mars/Olympus&account=nope,,&status=lost,SCHEDULED&post=1')).toEqual(DEFAULT_QUERY);
    expect(parse('date=26-12-10').date).toBeNull();
    expect(parse('date=2026-12-10T00:00').date).toBeNull();
    expect(parse('view=').view).toBe('month');
  });

  it('keeps valid entries of a list, once each, and drops the others', () => {
    expect(parse(`account=${A},bad,${A},${B}`).accounts).toEqual([A, B]);
    expect(parse('status=failed,lost,failed,draft').statuses).toEqual(['draft', 'failed']);
  });

  it('drops accounts that are not the user’s when it knows them', () => {
    expect(parse(`account=${A},${B}`, [B]).accounts).toEqual([B]);
  });

  it('takes every status chosen as no status filter', () => {
    expect(parse('status=draft,scheduled,queued,publishing,published,failed,cancelled').statuses).toEqual([]);
  });

  it('accepts IANA zones Intl knows', () => {
    expect(parse('tz=Asia/Tokyo').tz).toBe('Asia/Tokyo');
    expect(parse('tz=UTC').tz).toBe('UTC');
  });
});

describe('formatCalendarQuery', () => {
  it('leaves defaults out, so the plain calendar is /calendar', () => {
    expect(formatCalendarQuery(DEFAULT_QUERY)).toBe('');
  });

  it('writes a readable, canonical order', () => {
    const qs = formatCalendarQuery({ view: 'week', date: '2026-12-10', tz: 'America/New_York', accounts: [A, B], statuses: ['failed', 'scheduled'], post: B });
    expect(qs).toBe(`?view=week&date=2026-12-10&tz=America/New_York&account=${A},${B}&status=scheduled,failed&post=${B}`);
  });

  it('round-trips through parse', () => {
    const query = { view: 'agenda' as const, date: '2027-01-31', tz: 'Asia/Kolkata', accounts: [B], statuses: ['draft' as const], post: null };
    expect(parse(formatCalendarQuery(query).slice(1))).toEqual(query);
  });

  it('turns a messy link into its canonical form (what the page writes back)', () => {
    expect(formatCalendarQuery(parse(`status=failed,,nope&view=month&date=2026-13-01&account=${A.toUpperCase()}`))).toBe(`?account=${A}&status=failed`);
  });
});

describe('helpers', () => {
  it('isCalendarDay knows month lengths and leap years', () => {
    expect(isCalendarDay('2028-02-29')).toBe(true);
    expect(isCalendarDay('2026-02-29')).toBe(false);
    expect(isCalendarDay('2026-04-31')).toBe(false);
    expect(isCalendarDay('1969-12-31')).toBe(false);
  });

  it('isTimeZone refuses what Intl refuses', () => {
    expect(isTimeZone('Europe/Paris')).toBe(true);
    expect(isTimeZone('Europe/Nowhere')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });

  it('dayOf and calendarDateOf are inverses on the local wall clock', () => {
    expect(dayOf(new Date(2026, 11, 10, 23, 59))).toBe('2026-12-10');
    expect(calendarDateOf('2026-12-10')).toEqual(new Date(2026, 11, 10));
  });
});
