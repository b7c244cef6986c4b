import { DateTime } from 'luxon';
import { z } from 'zod';
import { timeZoneInput } from '../users';
import { WEEKDAYS } from './slots';

export const MAX_SLOTS_PER_WEEK = 100;
export const MAX_BLACKOUT_DATES = 366;
export const MAX_QUEUE_WEEKS = 12;

const slot = z.strictObject({
  day: z.enum(WEEKDAYS, { message: `Day is one of ${WEEKDAYS.join(', ')}` }),
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Time is HH:MM, from 00:00 to 23:59'),
});

const localDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'A date is YYYY-MM-DD')
  .refine((v) => DateTime.fromISO(v).isValid, 'No such date');

export const scheduleInput = z.strictObject({
  /** Omitted: the user's own time zone, else UTC. */
  timeZone: timeZoneInput.optional(),
  slots: z
    .array(slot)
    .max(MAX_SLOTS_PER_WEEK, `At most ${MAX_SLOTS_PER_WEEK} slots a week`)
    .refine((list) => new Set(list.map((s) => `${s.day} ${s.time}`)).size === list.length, 'The same slot is given twice'),
  blackoutDates: z
    .array(localDate)
    .max(MAX_BLACKOUT_DATES, `At most ${MAX_BLACKOUT_DATES} blackout dates`)
    .refine((list) => new Set(list).size === list.length, 'The same date is given twice')
    .optional(),
});
export type ScheduleInput = z.infer<typeof scheduleInput>;

export const queueQuery = z.strictObject({
  weeks: z.coerce
    .number({ message: `Weeks is a whole number from 1 to ${MAX_QUEUE_WEEKS}` })
    .int(`Weeks is a whole number from 1 to ${MAX_QUEUE_WEEKS}`)
    .min(1, `Weeks is a whole number from 1 to ${MAX_QUEUE_WEEKS}`)
    .max(MAX_QUEUE_WEEKS, `Weeks is a whole number from 1 to ${MAX_QUEUE_WEEKS}`)
    .default(2),
});

/** Drop a queued post on a slot: a free slot moves it there, one held by another queued post swaps the two. */
export const queueMoveInput = z.strictObject({
  postId: z.uuid('Unknown post'),
  slot: z.iso
    .datetime({ offset: true, message: 'Must be an ISO 8601 date-time with a time zone, e.g. 2026-12-01T09:30:00Z' })
    .transform((v) => new Date(v)),
});
export type QueueMoveInput = z.infer<typeof queueMoveInput>;
