import { byId, ok, route } from '@/lib/http/route';
import { getPostGroup } from '@/lib/posts/groups';

/** The posts composed together under this group id (the composer edits them side by side). */
export const GET = route({
  summary: 'Get the posts of a post group',
  auth: 'posts:read',
  params: byId('Post group'),
  handle: async ({ actor, params }) => ok(await getPostGroup(actor.userId, params.id)),
});
