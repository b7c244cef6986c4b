import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { db } from '../db';
import { posts, webhookDeliveries, webhooks, type WebhookDelivery } from '../db/schema';
import type { EventType } from '../events/types';
import { notFound } from '../errors';
import { toWebhookView, type WebhookView } from './view';

/** Deliveries kept per webhook (older ones are deleted as new ones come): what one webhook shows. */
export const DELIVERIES_KEPT = 50;
/** Deliveries each webhook shows in the list of all of them. */
const DELIVERIES_LISTED = 5;

/** The newest `limit` deliveries of each of these webhooks. */
async function recentDeliveries(webhookIds: string[], limit: number): Promise<Map<string, WebhookDelivery[]>> {
  const byHook = new Map<string, WebhookDelivery[]>(webhookIds.map((id) => [id, []]));
  if (webhookIds.length === 0) return byHook;
  const ranked = db()
    .select({ id: webhookDeliveries.id, n: sql<number>`row_number() over (partition by ${webhookDeliveries.webhookId} order by ${webhookDeliveries.createdAt} desc)`.as('n') })
    .from(webhookDeliveries)
    .where(inArray(webhookDeliveries.webhookId, webhookIds))
    .as('ranked');
  const rows = await db()
    .select({ delivery: webhookDeliveries })
    .from(webhookDeliveries)
    .innerJoin(ranked, eq(ranked.id, webhookDeliveries.id))
    .where(sql`${ranked.n} <= ${limit}`)
    .orderBy(desc(webhookDeliveries.createdAt));
  for (const { delivery } of rows) byHook.get(delivery.webhookId)?.push(delivery);
  return byHook;
}

/** The user's webhooks, newest first, each with its last few deliveries. */
export async function listWebhooks(userId: string): Promise<WebhookView[]> {
  const hooks = await db().select().from(webhooks).where(eq(webhooks.userId, userId)).orderBy(desc(webhooks.createdAt));
  const deliveries = await recentDeliveries(hooks.map((h) => h.id), DELIVERIES_LISTED);
  return hooks.map((h) => toWebhookView(h, deliveries.get(h.id) ?? []));
}

/** One of the user's webhooks with every delivery kept of it; anyone else's is "not found". */
export async function getWebhook(userId: string, webhookId: string): Promise<WebhookView> {
  const [hook] = await db()
    .select()
    .from(webhooks)
    .where(and(eq(webhooks.id, webhookId), eq(webhooks.userId, userId)));
  if (!hook) throw notFound('Webhook');
  const deliveries = await recentDeliveries([hook.id], DELIVERIES_KEPT);
  return toWebhookView(hook, deliveries.get(hook.id) ?? []);
}

/** How long a process trusts its answer to "does any webhook take this event": a new webhook's first event may wait this long in another process. */
const PRESENCE_TRUST_MS = 5_000;
const presence = new Map<EventType, { at: number; any: boolean }>();

/** A webhook was added in this process: its events are known at once here. */
export const forgetWebhookPresence = (): void => presence.clear();

/** Whether any webhook at all takes this event type (kept PRESENCE_TRUST_MS): most events of a Herald without webhooks cost nothing. */
export async function anyWebhookTakes(type: EventType): Promise<boolean> {
  const known = presence.get(type);
  if (known && Date.now() - known.at < PRESENCE_TRUST_MS) return known.any;
  const [row] = await db().execute<{ yes: boolean }>(sql`select exists (select 1 from ${webhooks} where ${type} = any(${webhooks.events})) as yes`);
  presence.set(type, { at: Date.now(), any: row?.yes === true });
  return row?.yes === true;
}

/**
 * Whether the owner of a post has a webhook for this event, so the worker skips building a
 * payload nobody takes. On the publishing path: while no webhook at all takes the event (as
 * Herald runs for most), one read every few seconds answers for every post; otherwise one
 * indexed read per post.
 */
export async function postOwnerSubscribes(postId: string, type: EventType): Promise<boolean> {
  if (!(await anyWebhookTakes(type))) return false;
  const rows = await db().execute<{ yes: boolean }>(
    sql`select exists (select 1 from ${webhooks} join ${posts} on ${posts.userId} = ${webhooks.userId} where ${posts.id} = ${postId} and ${type} = any(${webhooks.events})) as yes`,
  );
  return rows[0]?.yes === true;
}
