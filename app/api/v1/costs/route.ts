import { config } from '@/lib/config';
import { ok, route } from '@/lib/http/route';
import { costsQuery } from '@/lib/posts/costs-input';
import { costsOf } from '@/lib/posts/costs';

export const GET = route({
  summary: "What X bills for your posts in a period",
  auth: 'posts:read',
  query: costsQuery,
  handle: async ({ actor, query }) => ok({ costs: await costsOf(actor.userId, query, config().xPrices) }),
});
