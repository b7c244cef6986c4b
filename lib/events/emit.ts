import { errorSummary, logger } from '../log';
import { notify } from '../notifications/notify';
import { fanOutToWebhooks } from '../webhooks/fan-out';
import type { HeraldEvent } from './types';

/**
 * Tells a user about an event: in-app notification and email (lib/notifications) and their
 * webhooks (lib/webhooks). Called after the change it reports has committed. A failure to tell is
 * logged and never undoes or fails the change itself.
 */
export async function emit(event: HeraldEvent): Promise<void> {
  const results = await Promise.allSettled([notify(event), fanOutToWebhooks(event)]);
  for (const result of results) {
    if (result.status === 'rejected') logger().error({ event: 'event_emit_failed', type: event.type, ...errorSummary(result.reason) }, 'could not pass an event on');
  }
}
