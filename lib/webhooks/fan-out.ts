import { randomUUID } from 'node:crypto';
import { and, arrayContains, desc, eq, notInArray } from 'drizzle-orm';
import { db } from '../db';
import { webhookDeliveries, webhooks } from '../db/schema';
import type { HeraldEvent } from '../events/types';
import { logger } from '../log';
import { metrics } from '../metrics';
import { enqueueDelivery } from '../queue';
import { DELIVERIES_KEPT, anyWebhookTakes } from './queries';

/** What a delivery's body is: the event, as the README documents it. */
export interface DeliveryBody {
  id: string;
  type: HeraldEvent['type'];
  createdAt: string;
  data: HeraldEvent['data'];
}

/**
 * Sends an event to each of its user's webhooks that subscribed to its type: one delivery row
 * (with the exact body, so every attempt sends the same bytes) and one queued job each. The event
 * has one id for all of them. Older deliveries beyond DELIVERIES_KEPT per webhook are deleted.
 */
export async function fanOutToWebhooks(event: HeraldEvent): Promise<void> {
  // On every post created or rescheduled: nothing to read while no webhook anywhere takes the event.
  if (!(await anyWebhookTakes(event.type))) return;
  const hooks = await db()
    .select({ id: webhooks.id })
    .from(webhooks)
    .where(and(eq(webhooks.userId, event.userId), arrayContains(webhooks.events, [event.type])));
  if (hooks.length === 0) return;
  const body: DeliveryBody = { id: randomUUID(), type: event.type, createdAt: new Date().toISOString(), data: event.data };
  const text = JSON.stringify(body);
  const rows = await db()
    .insert(webhookDeliveries)
    .values(hooks.map((h) => ({ webhookId: h.id, eventId: body.id, eventType: event.type, body: text })))
    .returning({ id: webhookDeliveries.id, webhookId: webhookDeliveries.webhookId });
  for (const row of rows) {
    try {
      await enqueueDelivery(row.id);
    } catch {
      // Redis away: the delivery is lost, and says so where its owner looks.
      metrics().webhookDeliveries.inc({ outcome: 'failed' });
      logger().warn({ event: 'webhook_enqueue_failed', deliveryId: row.id }, 'queue unreachable; webhook delivery dropped');
      await db().update(webhookDeliveries).set({ status: 'failed', error: 'could not be queued (Herald’s queue was unreachable)' }).where(eq(webhookDeliveries.id, row.id));
    }
  }
  await Promise.all(hooks.map((h) => prune(h.id)));
}

/** Keeps a webhook's newest DELIVERIES_KEPT deliveries; a pruned one still queued finds no row and stops. */
async function prune(webhookId: string): Promise<void> {
  const kept = db()
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.webhookId, webhookId))
    .orderBy(desc(webhookDeliveries.createdAt))
    .limit(DELIVERIES_KEPT);
  await db()
    .delete(webhookDeliveries)
    .where(and(eq(webhookDeliveries.webhookId, webhookId), notInArray(webhookDeliveries.id, kept)));
}
