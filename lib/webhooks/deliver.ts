import { eq, sql } from 'drizzle-orm';
import { config } from '../config';
import { db } from '../db';
import { webhookDeliveries, webhooks, type WebhookDelivery } from '../db/schema';
import { metrics } from '../metrics';
import { WEBHOOK_ATTEMPTS } from '../queue';
import { RefusedUrl, resolveTarget } from './address';
import { openSecret, signature } from './secret';
import { send, type SendResult } from './send';

/**
 * How one attempt ended. `retry`: not delivered, and attempts are left (the queue tries again
 * later); `failed`, `refused`, `delivered` are final; `gone`: nothing to deliver any more (the
 * webhook or the delivery was deleted, or it already ended).
 */
export type AttemptOutcome = { outcome: 'delivered' | 'failed' | 'refused' | 'gone' } | { outcome: 'retry'; error: string };

type Recorded = Pick<WebhookDelivery, 'responseStatus' | 'responseBody' | 'error'> & { status: WebhookDelivery['status'] };

/** Postgres text cannot hold NUL: a receiver's answer is stored without it. */
const storable = (text: string) => text.replace(/\u0000/g, '');

/** What an answer (or its absence) means for the delivery. */
function judge(result: SendResult, final: boolean): Recorded {
  const retryOrFail = final ? 'failed' : 'pending';
  if ('error' in result) return { status: retryOrFail, responseStatus: null, responseBody: null, error: result.error };
  const answered = { responseStatus: result.status, responseBody: storable(result.body) };
  if (result.status >= 200 && result.status < 300) return { status: 'delivered', ...answered, error: null };
  if (result.status >= 300 && result.status < 400) return { status: retryOrFail, ...answered, error: `redirected${result.location ? ` to ${storable(result.location).slice(0, 300)}` : ''}: redirects are not followed` };
  // 410 Gone: the receiver says this URL is no more; retrying would only knock again.
  if (result.status === 410) return { status: 'failed', ...answered, error: 'the receiver answered 410 Gone: not retried' };
  return { status: retryOrFail, ...answered, error: `the receiver answered ${result.status}` };
}

/**
 * One attempt at a delivery, run by the worker's webhook queue. The URL is checked again (DNS may
 * have changed since it was registered) and the connection goes to the address checked; the body
 * stored at fan-out is signed afresh (a new timestamp) and sent. The row records the attempt.
 */
export async function deliver(deliveryId: string): Promise<AttemptOutcome> {
  const [row] = await db()
    .select({ delivery: webhookDeliveries, url: webhooks.url, secretEnc: webhooks.secretEnc })
    .from(webhookDeliveries)
    .innerJoin(webhooks, eq(webhooks.id, webhookDeliveries.webhookId))
    .where(eq(webhookDeliveries.id, deliveryId));
  if (!row || row.delivery.status !== 'pending') return { outcome: 'gone' };
  const { delivery } = row;
  const final = delivery.attempts + 1 >= WEBHOOK_ATTEMPTS;

  let recorded: Recorded;
  try {
    const target = await resolveTarget(row.url, config().webhooks.allowPrivate);
    const headers = { 'user-agent': 'Herald-Webhooks/1', 'herald-signature': signature(openSecret(delivery.webhookId, row.secretEnc), delivery.body) };
    recorded = judge(await send(target, delivery.body, headers, config().webhooks.timeoutMs), final);
  } catch (error) {
    if (!(error instanceof RefusedUrl)) throw error;
    // A host that does not resolve may come back; an address the rules refuse is refused for good.
    recorded = { status: error.unresolved ? (final ? 'failed' : 'pending') : 'refused', responseStatus: null, responseBody: null, error: `the URL ${error.message}` };
  }

  await db()
    .update(webhookDeliveries)
    .set({ ...recorded, attempts: sql`${webhookDeliveries.attempts} + 1`, lastAttemptAt: new Date() })
    .where(eq(webhookDeliveries.id, deliveryId));
  // Counted per attempt: a receiver that fails and then succeeds shows as both.
  metrics().webhookDeliveries.inc({ outcome: recorded.status === 'pending' ? 'failed' : recorded.status });
  if (recorded.status === 'pending') return { outcome: 'retry', error: recorded.error ?? 'not delivered' };
  return { outcome: recorded.status };
}
