import { byId, ok, route } from '@/lib/http/route';
import { retryPost } from '@/lib/posts/commands';

/** Queues a failed post again: the owner's own, or anyone's for an admin (lib/posts decides). */
export const POST = route({
  summary: 'Queue a failed post again',
  auth: 'posts:write',
  params: byId('Post'),
  handle: async ({ actor, params }) => ok({ post: await retryPost(actor, params.id) }),
});
