import { ok, route } from '@/lib/http/route';
import { setNotificationEmail } from '@/lib/notifications/email';
import { notificationEmailInput } from '@/lib/notifications/input';

/**
 * `{ email }` (empty: none) → `{ email }`: where notification emails go. From the browser session
 * only: an API token may not send a user's notifications elsewhere.
 */
export const PUT = route({
  summary: 'Set or clear the address notification emails go to',
  auth: 'session',
  body: notificationEmailInput,
  handle: async ({ actor, body }) => {
    await setNotificationEmail(actor.userId, body.email);
    return ok({ email: body.email });
  },
});
