import { atWallClock, nextHalfHour } from './zoned-time';

/** Where a new post lands when the user picks a whole day (month view) rather than a time slot. */
export const DEFAULT_HOUR = 9;

/**
 * The time to prefill when the user clicks an empty slot.
 * A whole day (month view) becomes 09:00 that day; a time slot keeps its time. Either way a
 * time already past becomes the next half hour, since the API refuses scheduling in the past.
 */
export function timeForSlot(slot: Date, wholeDay: boolean, zone: string, now: Date = new Date()): Date {
  const candidate = wholeDay ? atWallClock(slot, zone, DEFAULT_HOUR, 0) : slot;
  return candidate.getTime() > now.getTime() ? candidate : nextHalfHour(now, zone);
}
