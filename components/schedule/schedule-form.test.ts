import { describe, expect, it } from 'vitest';
import { addDate, addTime, bodyFromDraft, draftFromView, isKnownTimeZone, removeDate, removeTime, scheduleErrors, WEEKDAYS } from './schedule-form';

const view = { timeZone: 'Asia/Tokyo', slots: [{ day: 'tue' as const, time: '18:00' }, { day: 'mon' as const, time: '09:00' }, { day: 'tue' as const, time: '08:30' }], blackoutDates: ['2026-12-31', '2026-12-25'] };

describe('schedule draft', () => {
  it('round-trips a schedule, Monday first, times and dates sorted', () => {
    const draft = draftFromView(view);
    expect(draft.times.tue).toEqual(['08:30', '18:00']);
    expect(bodyFromDraft(draft)).toEqual({
      timeZone: 'Asia/Tokyo',
      slots: [{ day: 'mon', time: '09:00' }, { day: 'tue', time: '08:30' }, { day: 'tue', time: '18:00' }],
      blackoutDates: ['2026-12-25', '2026-12-31'],
    });
  });

  it('adds a time to every day once, and removes times and dates', () => {
    let draft = addTime(draftFromView(view), WEEKDAYS, '09:00');
    expect(WEEKDAYS.map((d) => draft.times[d].filter((t) => t === '09:00').length)).toEqual([1, 1, 1, 1, 1, 1, 1]);
    draft = removeTime(draft, 'mon', '09:00');
    expect(draft.times.mon).toEqual([]);
    draft = removeDate(addDate(draft, '2026-12-25'), '2026-12-31');
    expect(draft.blackoutDates).toEqual(['2026-12-25']);
  });

  it('knows real zones only', () => {
    expect(isKnownTimeZone('Europe/Berlin')).toBe(true);
    expect(isKnownTimeZone('Mars/Olympus')).toBe(false);
    expect(isKnownTimeZone(' ')).toBe(false);
  });

  it('puts server messages by their field, naming the slot or date', () => {
    const draft = draftFromView(view);
    const errors = scheduleErrors({ ok: false, status: 400, error: 'Invalid input', fields: { timeZone: ['Unknown time zone'], 'slots.1.time': ['Bad'], 'blackoutDates.1': ['No such date'], other: ['x'] } }, draft);
    expect(errors).toEqual({ general: ['x'], timeZone: ['Unknown time zone'], slots: ['Tuesday 08:30: Bad'], blackoutDates: ['2026-12-31: No such date'] });
    expect(scheduleErrors({ ok: false, status: 404, error: 'Account not found', fields: {} }, draft).general).toEqual(['Account not found']);
  });
});
