import { byId, ok, route } from '@/lib/http/route';
import { queueQuery } from '@/lib/schedules/input';
import { getQueue } from '@/lib/schedules/queries';

export const GET = route({
  summary: "An account's queue: its coming slots and the posts in them",
  auth: 'posts:read',
  params: byId('Account'),
  query: queueQuery,
  handle: async ({ actor, params, query }) => ok({ queue: await getQueue(actor.userId, params.id, query.weeks) }),
});
