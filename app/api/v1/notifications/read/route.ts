import { ok, route } from '@/lib/http/route';
import { markReadInput } from '@/lib/notifications/input';
import { markRead } from '@/lib/notifications/store';

/** `{ ids: [...] }` or `{ all: true }` → `{ unread }`. Acknowledging is part of reading: posts:read is enough. */
export const POST = route({
  summary: 'Mark notifications as read (some, or all)',
  auth: 'posts:read',
  body: markReadInput,
  handle: async ({ actor, body }) => ok({ unread: await markRead(actor.userId, body) }),
});
