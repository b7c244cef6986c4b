import type { Webhook, WebhookDelivery, WebhookEvent } from '../db/schema';

/** One delivery as its webhook's owner sees it: how its last attempt went, not what it carried. */
export interface DeliveryView {
  id: string;
  /** The `id` of the event in the delivered body. */
  eventId: string;
  type: WebhookEvent;
  status: WebhookDelivery['status'];
  attempts: number;
  /** The receiver's HTTP status at the last attempt, when it answered. */
  responseStatus: number | null;
  /** The start of the receiver's answer at the last attempt. */
  responseBody: string | null;
  error: string | null;
  lastAttemptAt: string | null;
  createdAt: string;
}

/** A webhook as its owner sees it: never its secret. */
export interface WebhookView {
  id: string;
  url: string;
  events: WebhookEvent[];
  createdAt: string;
  /** The newest first. */
  deliveries: DeliveryView[];
}

export const toDeliveryView = (d: WebhookDelivery): DeliveryView => ({
  id: d.id,
  eventId: d.eventId,
  type: d.eventType,
  status: d.status,
  attempts: d.attempts,
  responseStatus: d.responseStatus,
  responseBody: d.responseBody,
  error: d.error,
  lastAttemptAt: d.lastAttemptAt ? d.lastAttemptAt.toISOString() : null,
  createdAt: d.createdAt.toISOString(),
});

export const toWebhookView = (w: Webhook, deliveries: WebhookDelivery[]): WebhookView => ({
  id: w.id,
  url: w.url,
  events: w.events,
  createdAt: w.createdAt.toISOString(),
  deliveries: deliveries.map(toDeliveryView),
});
