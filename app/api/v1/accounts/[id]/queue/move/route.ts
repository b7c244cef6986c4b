import { byId, ok, route } from '@/lib/http/route';
import { moveInQueue } from '@/lib/schedules/commands';
import { queueMoveInput } from '@/lib/schedules/input';

/** Drops a queued post on a slot: moves it to a free one, or swaps it with the queued post there, atomically. */
export const POST = route({
  summary: 'Move a queued post to another slot',
  auth: 'posts:write',
  params: byId('Account'),
  body: queueMoveInput,
  handle: async ({ actor, params, body }) => ok(await moveInQueue(actor.userId, params.id, body)),
});
