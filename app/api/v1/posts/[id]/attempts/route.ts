import { actorIsAdmin } from '@/lib/auth/actor';
import { byId, ok, route } from '@/lib/http/route';
import { listAttempts, listAttemptsAsAdmin } from '@/lib/posts/attempts';

/**
 * The post's publish attempts, newest first: the owner's own posts (another's is a 404), and any
 * post for an admin's browser session (the admin page's failed posts).
 */
export const GET = route({
  summary: "A post's publish attempts, newest first",
  auth: 'posts:read',
  params: byId('Post'),
  handle: async ({ actor, params }) =>
    ok({ attempts: (await actorIsAdmin(actor)) ? await listAttemptsAsAdmin(params.id) : await listAttempts(actor.userId, params.id) }),
});
