import type { HeraldEvent } from '../events/types';
import { notificationFor } from './content';
import { queueNotificationEmail } from './email';
import { createNotification } from './store';

/**
 * What a user is told of an event inside Herald: failed posts and accounts that need reconnecting
 * become a notification (the bell), and an email when email is configured and the user gave an
 * address. Other events are for webhooks only.
 */
export async function notify(event: HeraldEvent): Promise<void> {
  const notification = notificationFor(event);
  if (!notification) return;
  const id = await createNotification(notification);
  await queueNotificationEmail(event.userId, id);
}
