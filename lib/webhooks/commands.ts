import { randomUUID } from 'node:crypto';
import { and, count, eq, sql } from 'drizzle-orm';
import { config } from '../config';
import { db } from '../db';
import { webhooks } from '../db/schema';
import { AppError, notFound } from '../errors';
import { RefusedUrl, resolveTarget } from './address';
import type { CreateWebhookInput } from './input';
import { forgetWebhookPresence } from './queries';
import { newSecret, sealSecret } from './secret';
import { toWebhookView, type WebhookView } from './view';

/** Webhooks one user may have: every event can go to a few places, and fan-out stays small. */
export const MAX_WEBHOOKS_PER_USER = 10;

/**
 * Registers a webhook; the answer is the only time its secret is seen. The URL is checked as a
 * delivery will reach it (form, then every address its host resolves to), and refused with a 400
 * that says why; deliveries check it again, since DNS can change.
 */
export async function createWebhook(userId: string, input: CreateWebhookInput): Promise<{ secret: string; view: WebhookView }> {
  try {
    await resolveTarget(input.url, config().webhooks.allowPrivate);
  } catch (error) {
    if (!(error instanceof RefusedUrl)) throw error;
    throw new AppError(400, `This URL cannot receive webhooks: it ${error.message}`, { url: [`The URL ${error.message}`] });
  }
  const made = await db().transaction(async (tx) => {
    // One user's registrations queue behind each other, so the limit holds under concurrency.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('webhooks:' || ${userId}))`);
    const [held] = await tx.select({ n: count() }).from(webhooks).where(eq(webhooks.userId, userId));
    if ((held?.n ?? 0) >= MAX_WEBHOOKS_PER_USER) throw new AppError(409, `You have ${MAX_WEBHOOKS_PER_USER} webhooks, the most one person may have: delete one first`);
    const id = randomUUID();
    const secret = newSecret();
    const [row] = await tx.insert(webhooks).values({ id, userId, url: input.url, events: input.events, secretEnc: sealSecret(id, secret) }).returning();
    return { secret, view: toWebhookView(row!, []) };
  });
  forgetWebhookPresence();
  return made;
}

/** Deletes one of the user's webhooks with its deliveries; a delivery already queued finds nothing and stops. */
export async function deleteWebhook(userId: string, webhookId: string): Promise<void> {
  const deleted = await db()
    .delete(webhooks)
    .where(and(eq(webhooks.id, webhookId), eq(webhooks.userId, userId)))
    .returning({ id: webhooks.id });
  if (deleted.length === 0) throw notFound('Webhook');
}
