import { DateTime } from 'luxon';
import { db } from '../db';
import { listWaitingPostsOfAccount } from '../posts/queries';
import type { PostView } from '../posts/view';
import { getTimeZone } from '../users';
import { WEEKDAYS, upcomingSlots } from './slots';
import { accountSchedule } from './take';
import type { QueueView, ScheduleView } from './view';

const WEEK_MS = 7 * 24 * 3600_000;

/** The zone a schedule gets when none is given: the user's own, else UTC. */
export async function defaultTimeZone(userId: string): Promise<string> {
  return (await getTimeZone(userId)) ?? 'UTC';
}

/** An account's schedule; one never saved is empty, in the user's zone. Another user's account is not found. */
export async function getSchedule(userId: string, accountId: string): Promise<ScheduleView> {
  const { schedule } = await accountSchedule(db(), userId, accountId);
  if (!schedule) return { accountId, timeZone: await defaultTimeZone(userId), slots: [], blackoutDates: [] };
  return { accountId, timeZone: schedule.timeZone, slots: [...schedule.slots], blackoutDates: [...schedule.blackoutDates] };
}

/** The account's slots over the next `weeks` weeks and the waiting post at each, for the Queue page. */
export async function getQueue(userId: string, accountId: string, weeks: number, now = new Date()): Promise<QueueView> {
  const schedule = await getSchedule(userId, accountId);
  const until = new Date(now.getTime() + weeks * WEEK_MS);
  const waiting = await listWaitingPostsOfAccount(userId, accountId, now, until);
  const byInstant = new Map<number, PostView>();
  for (const post of waiting) if (post.scheduledAt && !byInstant.has(Date.parse(post.scheduledAt))) byInstant.set(Date.parse(post.scheduledAt), post);
  const instants = upcomingSlots(schedule, now, until);
  const onSlots = new Set(instants.map((at) => at.getTime()));
  return {
    accountId,
    timeZone: schedule.timeZone,
    from: now.toISOString(),
    until: until.toISOString(),
    slots: instants.map((at) => {
      const local = DateTime.fromJSDate(at, { zone: schedule.timeZone });
      return {
        at: at.toISOString(),
        day: WEEKDAYS[local.weekday - 1]!,
        date: local.toISODate() ?? '',
        time: local.toFormat('HH:mm'),
        post: byInstant.get(at.getTime()) ?? null,
      };
    }),
    offSchedule: waiting.filter((p) => p.queueSlot && p.scheduledAt && !onSlots.has(Date.parse(p.scheduledAt))),
  };
}
