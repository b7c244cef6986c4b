import { byId, ok, route } from '@/lib/http/route';
import { listAttempts } from '@/lib/posts/attempts';

/** The post's publish attempts, newest first: the owner's own posts only (another's is a 404). */
export const GET = route({
  auth: 'posts:read',
  params: byId('Post'),
  handle: async ({ actor, params }) => ok({ attempts: await listAttempts(actor.userId, params.id) }),
});
