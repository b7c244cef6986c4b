import { created, ok, route } from '@/lib/http/route';
import { createWebhook } from '@/lib/webhooks/commands';
import { createWebhookInput } from '@/lib/webhooks/input';
import { listWebhooks } from '@/lib/webhooks/queries';

/**
 * Webhooks are managed from the browser session only, like API tokens: a webhook sends the user's
 * posts elsewhere, so a token (even one that may write posts) cannot set one up.
 */
export const GET = route({
  summary: 'Your webhooks with their last deliveries',
  auth: 'session',
  handle: async ({ actor }) => ok({ webhooks: await listWebhooks(actor.userId) }),
});

/** `{ url, events }` → `{ id, secret, … }`: the only time the secret is shown. A refused URL is a 400 saying why. */
export const POST = route({
  summary: 'Register a webhook (its signing secret is shown once)',
  auth: 'session',
  body: createWebhookInput,
  handle: async ({ actor, body }) => {
    const { secret, view } = await createWebhook(actor.userId, body);
    return created({ ...view, secret });
  },
});
