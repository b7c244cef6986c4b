import { byId, ok, route } from '@/lib/http/route';
import { putSchedule } from '@/lib/schedules/commands';
import { scheduleInput } from '@/lib/schedules/input';
import { getSchedule } from '@/lib/schedules/queries';

export const GET = route({
  summary: "Get an account's posting schedule",
  auth: 'posts:read',
  params: byId('Account'),
  handle: async ({ actor, params }) => ok({ schedule: await getSchedule(actor.userId, params.id) }),
});

/** Replaces the account's weekly slots, zone and blackout dates; posts already queued keep their times. */
export const PUT = route({
  summary: "Replace an account's posting schedule",
  auth: 'posts:write',
  params: byId('Account'),
  body: scheduleInput,
  handle: async ({ actor, params, body }) => ok({ schedule: await putSchedule(actor.userId, params.id, body) }),
});
