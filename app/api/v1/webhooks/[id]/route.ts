import { byId, noContent, ok, route } from '@/lib/http/route';
import { deleteWebhook } from '@/lib/webhooks/commands';
import { getWebhook } from '@/lib/webhooks/queries';

/** One webhook with its recent deliveries (how each last attempt went). */
export const GET = route({
  summary: 'One webhook with its recent deliveries',
  auth: 'session',
  params: byId('Webhook'),
  handle: async ({ actor, params }) => ok({ webhook: await getWebhook(actor.userId, params.id) }),
});

/** Deletes it and its deliveries; deliveries still queued are dropped. */
export const DELETE = route({
  summary: 'Delete a webhook',
  auth: 'session',
  params: byId('Webhook'),
  handle: async ({ actor, params }) => {
    await deleteWebhook(actor.userId, params.id);
    return noContent();
  },
});
