import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { upcomingSlots, type SlotSchedule } from './slots';

const mondayNine = (timeZone: string, blackoutDates: string[] = []): SlotSchedule => ({ timeZone, slots: [{ day: 'mon', time: '09:00' }], blackoutDates });
const iso = (dates: Date[]) => dates.map((d) => d.toISOString());
const local = (dates: Date[], zone: string) => dates.map((d) => DateTime.fromJSDate(d, { zone }).toFormat('ccc yyyy-MM-dd HH:mm'));

describe('upcoming slot instants', () => {
  it('Europe/Berlin: Monday 09:00 stays 09:00 local across both changes, and its UTC instant moves by an hour', () => {
    // Summer time starts Sunday 2026-03-29 and ends Sunday 2026-10-25.
    const spring = upcomingSlots(mondayNine('Europe/Berlin'), new Date('2026-03-20T00:00:00Z'), new Date('2026-04-01T00:00:00Z'));
    expect(iso(spring)).toEqual(['2026-03-23T08:00:00.000Z', '2026-03-30T07:00:00.000Z']);
    const autumn = upcomingSlots(mondayNine('Europe/Berlin'), new Date('2026-10-20T00:00:00Z'), new Date('2026-11-03T00:00:00Z'));
    expect(iso(autumn)).toEqual(['2026-10-26T08:00:00.000Z', '2026-11-02T08:00:00.000Z']);
    expect(local([...spring, ...autumn], 'Europe/Berlin').every((s) => s.endsWith('09:00'))).toBe(true);
    const lastSummerMonday = upcomingSlots(mondayNine('Europe/Berlin'), new Date('2026-10-18T00:00:00Z'), new Date('2026-10-20T00:00:00Z'));
    expect(iso(lastSummerMonday)).toEqual(['2026-10-19T07:00:00.000Z']);
  });

  it('America/New_York: the same across the second Sunday of March and the first of November', () => {
    const spring = upcomingSlots(mondayNine('America/New_York'), new Date('2026-03-01T00:00:00Z'), new Date('2026-03-10T00:00:00Z'));
    expect(iso(spring)).toEqual(['2026-03-02T14:00:00.000Z', '2026-03-09T13:00:00.000Z']);
    const autumn = upcomingSlots(mondayNine('America/New_York'), new Date('2026-10-25T00:00:00Z'), new Date('2026-11-03T00:00:00Z'));
    expect(iso(autumn)).toEqual(['2026-10-26T13:00:00.000Z', '2026-11-02T14:00:00.000Z']);
    expect(local([...spring, ...autumn], 'America/New_York')).toEqual(['Mon 2026-03-02 09:00', 'Mon 2026-03-09 09:00', 'Mon 2026-10-26 09:00', 'Mon 2026-11-02 09:00']);
  });

  it('a time missing on the spring-forward day moves forward by the gap; an ambiguous one on fall-back is its first occurrence', () => {
    const schedule: SlotSchedule = { timeZone: 'Europe/Berlin', slots: [{ day: 'sun', time: '02:30' }], blackoutDates: [] };
    const [gap] = upcomingSlots(schedule, new Date('2026-03-28T00:00:00Z'), new Date('2026-03-30T00:00:00Z'));
    expect(gap?.toISOString()).toBe('2026-03-29T01:30:00.000Z'); // 03:30 summer time
    const [overlap] = upcomingSlots(schedule, new Date('2026-10-24T00:00:00Z'), new Date('2026-10-26T00:00:00Z'));
    expect(overlap?.toISOString()).toBe('2026-10-25T00:30:00.000Z'); // 02:30 still on summer time (+02:00)
    const ny: SlotSchedule = { timeZone: 'America/New_York', slots: [{ day: 'sun', time: '01:30' }], blackoutDates: [] };
    const [nyOverlap] = upcomingSlots(ny, new Date('2026-10-31T00:00:00Z'), new Date('2026-11-02T00:00:00Z'));
    expect(nyOverlap?.toISOString()).toBe('2026-11-01T05:30:00.000Z'); // 01:30 EDT, not EST
  });

  it('a slot moved out of a gap onto another slot is offered once', () => {
    const schedule: SlotSchedule = { timeZone: 'Europe/Berlin', slots: [{ day: 'sun', time: '02:30' }, { day: 'sun', time: '03:30' }], blackoutDates: [] };
    expect(iso(upcomingSlots(schedule, new Date('2026-03-28T00:00:00Z'), new Date('2026-03-30T00:00:00Z')))).toEqual(['2026-03-29T01:30:00.000Z']);
  });

  it('skips blackout dates, which are local dates in the schedule zone', () => {
    // Monday 2026-12-28 00:30 in Tokyo is still Sunday 27th in UTC: the blackout is Tokyo's date.
    const schedule: SlotSchedule = { timeZone: 'Asia/Tokyo', slots: [{ day: 'mon', time: '00:30' }], blackoutDates: ['2026-12-28'] };
    const slots = upcomingSlots(schedule, new Date('2026-12-20T00:00:00Z'), new Date('2027-01-06T00:00:00Z'));
    expect(local(slots, 'Asia/Tokyo')).toEqual(['Mon 2026-12-21 00:30', 'Mon 2027-01-04 00:30']);
  });

  it('orders several slots a week, after `from` and up to `until`', () => {
    const schedule: SlotSchedule = {
      timeZone: 'UTC',
      slots: [{ day: 'fri', time: '17:30' }, { day: 'mon', time: '09:00' }, { day: 'mon', time: '17:30' }],
      blackoutDates: [],
    };
    expect(iso(upcomingSlots(schedule, new Date('2026-12-07T09:00:00Z'), new Date('2026-12-14T09:00:00Z')))).toEqual([
      '2026-12-07T17:30:00.000Z',
      '2026-12-11T17:30:00.000Z',
      '2026-12-14T09:00:00.000Z',
    ]);
    expect(upcomingSlots({ ...schedule, slots: [] }, new Date(0), new Date())).toEqual([]);
  });
});
