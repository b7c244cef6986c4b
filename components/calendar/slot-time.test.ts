import { describe, expect, it } from 'vitest';
import { timeForSlot } from './slot-time';

const now = new Date('2026-12-01T12:10:00Z');

describe('timeForSlot', () => {
  it('keeps a future time slot', () => {
    const slot = new Date('2026-12-02T15:30:00Z');
    expect(timeForSlot(slot, false, 'Europe/Paris', now).toISOString()).toBe(slot.toISOString());
  });

  it('puts a whole future day at 09:00 in the zone', () => {
    // Midnight of 3 Dec in Paris (UTC+1) → 09:00 Paris = 08:00Z.
    expect(timeForSlot(new Date('2026-12-02T23:00:00Z'), true, 'Europe/Paris', now).toISOString()).toBe('2026-12-03T08:00:00.000Z');
  });

  it('turns a past slot or a day already past 09:00 into the next half hour', () => {
    expect(timeForSlot(new Date('2026-12-01T08:00:00Z'), false, 'Europe/Paris', now).toISOString()).toBe('2026-12-01T12:30:00.000Z');
    expect(timeForSlot(new Date('2026-11-30T23:00:00Z'), true, 'Europe/Paris', now).toISOString()).toBe('2026-12-01T12:30:00.000Z');
  });
});
