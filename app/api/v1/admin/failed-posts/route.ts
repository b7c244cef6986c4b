import { failedListQuery, filterOf } from '@/lib/admin/input';
import { ok, route } from '@/lib/http/route';
import { listFailedPosts } from '@/lib/posts/queries';

/** Every user's failed posts, newest failure first, filtered by account, owner or error class; `nextCursor` pages on. */
export const GET = route({
  summary: 'Admin: failed posts of every user, filtered by account, owner and error class',
  auth: 'admin',
  query: failedListQuery,
  handle: async ({ query }) => ok(await listFailedPosts({ cursor: query.cursor ?? null, filter: filterOf(query) })),
});
