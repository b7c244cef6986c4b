import { ok, route } from '@/lib/http/route';
import { listNotificationsQuery } from '@/lib/notifications/input';
import { listNotifications } from '@/lib/notifications/store';

/** `?cursor=&limit=` → `{ notifications, unread, nextCursor }`: this user's, newest first. */
export const GET = route({
  summary: 'Your notifications, newest first, with the unread count',
  auth: 'posts:read',
  query: listNotificationsQuery,
  handle: async ({ actor, query }) => ok(await listNotifications(actor.userId, query)),
});
