import { byId, ok, route } from '@/lib/http/route';
import { queueQuery } from '@/lib/schedules/input';
import { getQueue } from '@/lib/schedules/queries';

export const GET = route({
  auth: 'posts:read',
  params: byId('Account'),
  query: queueQuery,
  handle: async ({ actor, params, query }) => ok({ queue: await getQueue(actor.userId, params.id, query.weeks) }),
});
