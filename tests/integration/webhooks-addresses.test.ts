import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { session } from '../support/signed-in';
import { config } from '@/lib/config';
import { db } from '@/lib/db';
import { webhookDeliveries, webhooks } from '@/lib/db/schema';
import { metrics } from '@/lib/metrics';
import { nonPublic } from '@/lib/webhooks/address';
import { deliver } from '@/lib/webhooks/deliver';
import { fanOutToWebhooks } from '@/lib/webhooks/fan-out';
import { newSecret, sealSecret } from '@/lib/webhooks/secret';
import { createUserWithAccount } from '../support/fixtures';
import { call, startReceiver, type Receiver } from '../support/webhook-receiver';

// The rule as in production, whatever the environment running the tests says.
vi.hoisted(() => {
  process.env.HERALD_WEBHOOK_ALLOW_PRIVATE = '0';
  process.env.QUEUE_PREFIX = `${process.env.QUEUE_PREFIX ?? 'herald_test'}_webhook_addresses`;
});

let receiver: Receiver;
beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver.close();
});

const hooksRoute = () => import('@/app/api/v1/webhooks/route');

/** What registering this URL answers. */
async function registering(url: string) {
  const { user } = await createUserWithAccount();
  session.userId = user.id;
  return call((await hooksRoute()).POST, 'POST', '/api/v1/webhooks', { body: { url, events: ['post.failed'] } });
}

/**
 * A webhook written straight to Postgres, as if its URL had passed the check when registered
 * (DNS changed since, or the rule did), with one delivery due.
 */
async function deliveryTo(url: string): Promise<string> {
  const { user, account } = await createUserWithAccount();
  const id = randomUUID();
  await db().insert(webhooks).values({ id, userId: user.id, url, events: ['account.reconnect_needed'], secretEnc: sealSecret(id, newSecret()) });
  await fanOutToWebhooks({ userId: user.id, type: 'account.reconnect_needed', data: { account: { id: account.id, username: account.username, reason: 'r' } } });
  const [delivery] = await db().select().from(webhookDeliveries).where(eq(webhookDeliveries.webhookId, id));
  return delivery!.id;
}

const port = () => receiver.port;

describe('the address rule (HERALD_WEBHOOK_ALLOW_PRIVATE off)', () => {
  it('is on', () => {
    expect(config().webhooks.allowPrivate).toBe(false);
  });

  it.each([
    ['https://127.0.0.1/hook', 'resolves to a loopback address 127.0.0.1'],
    ['https://10.1.2.3/hook', 'resolves to a private address 10.1.2.3'],
    ['https://192.168.0.10/hook', 'resolves to a private address 192.168.0.10'],
    ['https://169.254.169.254/latest/meta-data', 'resolves to a link-local address 169.254.169.254'],
    ['https://[::1]/hook', 'resolves to a loopback address ::1'],
    ['https://[::ffff:127.0.0.1]/hook', 'resolves to a loopback address 127.0.0.1'],
    ['https://[fd00::1]/hook', 'resolves to a unique-local (private) address fd00::1'],
    ['https://0.0.0.0/hook', 'resolves to an unspecified address 0.0.0.0'],
    ['https://localhost/hook', 'resolves to a loopback address'],
    ['http://example.com/hook', 'must be https'],
    ['https://user:secret@example.com/hook', 'must not carry a user name or password'],
    ['https://no-such-host.invalid/hook', 'names no such host'],
  ])('refuses to register %s: a 400 that says why', async (url, why) => {
    const answer = await registering(url);
    expect(answer.status).toBe(400);
    expect(answer.body.error).toContain(`This URL cannot receive webhooks: it ${why}`);
    expect(answer.body.fields?.url?.[0]).toContain(`The URL ${why}`);
  });

  it('tells public addresses from the others, IPv4 inside IPv6 included', () => {
    expect(nonPublic('93.184.215.14')).toBeNull();
    expect(nonPublic('2606:4700:4700::1111')).toBeNull();
    expect(nonPublic('100.64.0.1')).toBe('resolves to a carrier-grade NAT (shared) address 100.64.0.1');
    expect(nonPublic('fe80::1')).toBe('resolves to a link-local address fe80::1');
    expect(nonPublic('::ffff:10.0.0.1')).toBe('resolves to a private address 10.0.0.1');
    expect(nonPublic('::ffff:169.254.1.1')).toBe('resolves to a link-local address 169.254.1.1');
    expect(nonPublic('224.0.0.1')).toBe('resolves to a multicast address 224.0.0.1');
    expect(nonPublic('::')).toBe('resolves to an unspecified address ::');
    // Tunnels that can carry any IPv4 address, a private one too.
    expect(nonPublic('2002:7f00:1::1')).toBe('resolves to a reserved address 2002:7f00:1::1');
  });

  it.each([
    () => `https://127.0.0.1:${port()}/at-delivery`,
    () => `https://localhost:${port()}/at-delivery`,
    () => `https://[::1]:${port()}/at-delivery`,
    () => `https://[::ffff:127.0.0.1]:${port()}/at-delivery`,
    () => `http://127.0.0.1:${port()}/at-delivery`,
  ])('refuses to deliver to a URL that breaks the rule by then (%#), and sends nothing', async (url) => {
    const refusals = async () => (await metrics().webhookDeliveries.get()).values.find((v) => v.labels.outcome === 'refused')?.value ?? 0;
    const before = await refusals();
    const id = await deliveryTo(url());
    expect(await deliver(id)).toEqual({ outcome: 'refused' });
    const [row] = await db().select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id));
    expect(row).toMatchObject({ status: 'refused', attempts: 1, responseStatus: null });
    expect(row!.error).toMatch(/^the URL (resolves to a loopback address|must be https)/);
    expect(await refusals()).toBe(before + 1);
    expect(receiver.received).toHaveLength(0);
  });
});
