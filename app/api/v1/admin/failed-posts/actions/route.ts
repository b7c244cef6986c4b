import { cancelPosts, retryMatching, retryPosts } from '@/lib/admin/bulk';
import { bulkInput } from '@/lib/admin/input';
import { ok, route } from '@/lib/http/route';

/**
 * `{ action: 'retry' | 'cancel', postIds }` or `{ action: 'retry_matching', filter }` (at most
 * RETRY_MATCHING_CAP posts a request): `{ done, skipped, remaining? }`. Every one is audited.
 */
export const POST = route({
  summary: 'Admin: retry or cancel selected failed posts, or retry all matching a filter',
  auth: 'admin',
  body: bulkInput,
  handle: async ({ actor, body }) => {
    if (body.action === 'retry_matching') return ok(await retryMatching(actor.userId, body.filter));
    if (body.action === 'retry') return ok(await retryPosts(actor.userId, body.postIds));
    return ok(await cancelPosts(actor.userId, body.postIds));
  },
});
