import { createHmac } from 'node:crypto';
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { session } from '../support/signed-in';
import { config } from '@/lib/config';
import { db } from '@/lib/db';
import { webhookDeliveries, webhooks } from '@/lib/db/schema';
import { metrics } from '@/lib/metrics';
import { WEBHOOK_ATTEMPTS, WEBHOOK_QUEUE, webhookQueue } from '@/lib/queue';
import { MAX_WEBHOOKS_PER_USER } from '@/lib/webhooks/commands';
import { deliver } from '@/lib/webhooks/deliver';
import { fanOutToWebhooks } from '@/lib/webhooks/fan-out';
import { DELIVERIES_KEPT } from '@/lib/webhooks/queries';
import { send } from '@/lib/webhooks/send';
import { outboundQueueProcessor } from '@/worker/processors';
import { createUserWithAccount } from '../support/fixtures';
import { waitUntil } from '../support/processes';
import { call, startReceiver, type Receiver } from '../support/webhook-receiver';

// Before Herald's config is first read: a receiver on 127.0.0.1 over plain http, short timeout and backoff.
vi.hoisted(() => {
  Object.assign(process.env, { HERALD_WEBHOOK_ALLOW_PRIVATE: '1', WEBHOOK_TIMEOUT_MS: '1000', WEBHOOK_RETRY_BASE_MS: '100' });
  process.env.QUEUE_PREFIX = `${process.env.QUEUE_PREFIX ?? 'herald_test'}_webhooks`;
});

const hooksRoute = () => import('@/app/api/v1/webhooks/route');
const hookRoute = () => import('@/app/api/v1/webhooks/[id]/route');
const postsRoute = () => import('@/app/api/v1/posts/route');
const postRoute = () => import('@/app/api/v1/posts/[id]/route');

let receiver: Receiver;
beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver.close();
});

/** Registers a webhook through the API as `userId`. */
async function register(userId: string, url: string, events: string[] = ['post.scheduled']): Promise<{ id: string; secret: string }> {
  session.userId = userId;
  const answer = await call((await hooksRoute()).POST, 'POST', '/api/v1/webhooks', { body: { url, events } });
  expect(answer.status).toBe(201);
  return { id: answer.body.id as string, secret: answer.body.secret as string };
}

/** Schedules a post through the API; answers its id. */
async function schedulePost(userId: string, accountId: string, text = 'hello hooks'): Promise<string> {
  session.userId = userId;
  const answer = await call((await postsRoute()).POST, 'POST', '/api/v1/posts', {
    body: { accountId, parts: [{ text }], scheduledAt: new Date(Date.now() + 3600_000).toISOString() },
  });
  expect(answer.status).toBe(201);
  return (answer.body.post as { id: string }).id;
}

const deliveriesOf = (webhookId: string) => db().select().from(webhookDeliveries).where(eq(webhookDeliveries.webhookId, webhookId));
const requestsTo = (path: string) => receiver.received.filter((r) => r.path === path);

/** The one delivery of a webhook, once there is one. */
async function onlyDelivery(webhookId: string) {
  const rows = await deliveriesOf(webhookId);
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

describe('webhooks', () => {
  it('are registered with a secret shown once and stored sealed; the list never shows it', async () => {
    const { user } = await createUserWithAccount();
    const { id, secret } = await register(user.id, receiver.url('/a'), ['post.scheduled', 'post.failed']);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const [row] = await db().select().from(webhooks).where(eq(webhooks.id, id));
    expect(row!.secretEnc).not.toContain(secret.slice(6));

    const listed = await call((await hooksRoute()).GET, 'GET', '/api/v1/webhooks');
    expect(listed.status).toBe(200);
    expect(JSON.stringify(listed.body)).not.toContain(secret.slice(6));
    expect(listed.body.webhooks).toEqual([{ id, url: receiver.url('/a'), events: ['post.scheduled', 'post.failed'], createdAt: expect.any(String), deliveries: [] }]);
  });

  it('deliver a signed post.scheduled whose post is what GET /api/v1/posts/{id} returns', async () => {
    const { user, account } = await createUserWithAccount();
    const { id, secret } = await register(user.id, receiver.url('/signed'));
    const postId = await schedulePost(user.id, account.id);

    const delivery = await onlyDelivery(id);
    expect(await deliver(delivery.id)).toEqual({ outcome: 'delivered' });
    const [request] = requestsTo('/signed');
    expect(request).toBeDefined();

    // The receiver's side of the README: recompute the HMAC over `<t>.<body>` with the secret.
    const header = String(request!.headers['herald-signature']);
    const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
    expect(match).not.toBeNull();
    const [, t, v1] = match!;
    expect(Math.abs(Number(t) - Date.now() / 1000)).toBeLessThan(60);
    expect(createHmac('sha256', secret).update(`${t}.${request!.body}`).digest('hex')).toBe(v1);
    expect(createHmac('sha256', 'whsec_wrong').update(`${t}.${request!.body}`).digest('hex')).not.toBe(v1);
    expect(request!.headers['content-type']).toBe('application/json');

    const body = JSON.parse(request!.body) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['createdAt', 'data', 'id', 'type']);
    expect(body).toMatchObject({ id: delivery.eventId, type: 'post.scheduled' });
    const got = await call((await postRoute()).GET, 'GET', `/api/v1/posts/${postId}`, { params: { id: postId } });
    expect(body.data).toEqual({ post: got.body.post });

    // Its owner sees how it went.
    const one = await call((await hookRoute()).GET, 'GET', `/api/v1/webhooks/${id}`, { params: { id } });
    expect(one.body.webhook).toMatchObject({ id, deliveries: [{ id: delivery.id, type: 'post.scheduled', status: 'delivered', attempts: 1, responseStatus: 200, responseBody: 'ok', error: null }] });
  });

  it('go only to the webhooks subscribed to the event, of its own user', async () => {
    const { user, account } = await createUserWithAccount();
    const other = await createUserWithAccount();
    const published = await register(user.id, receiver.url('/published'), ['post.published']);
    const reconnect = await register(user.id, receiver.url('/reconnect'), ['account.reconnect_needed']);
    const others = await register(other.user.id, receiver.url('/others'), ['post.scheduled', 'account.reconnect_needed']);
    await schedulePost(user.id, account.id);
    expect(await deliveriesOf(published.id)).toHaveLength(0);
    expect(await deliveriesOf(others.id)).toHaveLength(0);

    const data = { account: { id: account.id, username: account.username, reason: 'X refused the token' } };
    await fanOutToWebhooks({ userId: user.id, type: 'account.reconnect_needed', data });
    const delivery = await onlyDelivery(reconnect.id);
    expect(JSON.parse(delivery.body)).toMatchObject({ type: 'account.reconnect_needed', data });
    expect(await deliveriesOf(others.id)).toHaveLength(0);
  });

  it('hear of post.scheduled when a post comes to wait or its time changes, not when only its text does', async () => {
    const { user, account } = await createUserWithAccount();
    const { id } = await register(user.id, receiver.url('/changes'));
    session.userId = user.id;
    const { POST } = await postsRoute();
    const { PATCH } = await postRoute();
    const draft = await call(POST, 'POST', '/api/v1/posts', { body: { accountId: account.id, parts: [{ text: 'a draft' }] } });
    const postId = (draft.body.post as { id: string }).id;
    const patch = (body: unknown) => call(PATCH, 'PATCH', `/api/v1/posts/${postId}`, { params: { id: postId }, body });
    expect(await deliveriesOf(id)).toHaveLength(0);

    const at = new Date(Date.now() + 7200_000).toISOString();
    expect((await patch({ scheduledAt: at })).status).toBe(200);
    expect(await deliveriesOf(id)).toHaveLength(1);
    expect((await patch({ parts: [{ text: 'reworded' }] })).status).toBe(200);
    expect(await deliveriesOf(id)).toHaveLength(1);
    expect((await patch({ scheduledAt: new Date(Date.now() + 9000_000).toISOString() })).status).toBe(200);
    const rows = await deliveriesOf(id);
    expect(rows).toHaveLength(2);
    expect(rows.map((r) => (JSON.parse(r.body) as { data: { post: { parts: { text: string }[] } } }).data.post.parts[0]!.text).sort()).toEqual(['a draft', 'reworded']);
  });

  it('are retried with backoff through the queue: a 500, then delivered', async () => {
    const { user, account } = await createUserWithAccount();
    const { id } = await register(user.id, receiver.url('/retry'));
    // Jobs other tests queued and delivered by hand are not this worker's business.
    await webhookQueue().obliterate({ force: true });
    const connection = new Redis(config().redisUrl, { maxRetriesPerRequest: null });
    const worker = new Worker(WEBHOOK_QUEUE, outboundQueueProcessor(), { connection, prefix: config().queuePrefix });
    try {
      receiver.answer({ status: 500, body: 'down for a moment' });
      await schedulePost(user.id, account.id);
      const done = await waitUntil(async () => {
        const [row] = await deliveriesOf(id);
        return row?.status === 'delivered' ? row : null;
      }, { what: 'the delivery after a retry', timeoutMs: 10_000 });
      expect(done).toMatchObject({ attempts: 2, responseStatus: 200, error: null });
      const sent = requestsTo('/retry');
      expect(sent).toHaveLength(2);
      // The same event and bytes each time, signed afresh.
      expect(sent[1]!.body).toBe(sent[0]!.body);
    } finally {
      await worker.close();
      connection.disconnect();
    }
  });

  it('record a failed attempt: a redirect is not followed, a receiver that never answers times out', async () => {
    const { user, account } = await createUserWithAccount();
    const { id } = await register(user.id, receiver.url('/redirect'));
    await schedulePost(user.id, account.id);
    const delivery = await onlyDelivery(id);

    receiver.answer({ status: 302, headers: { location: receiver.url('/elsewhere') } });
    expect(await deliver(delivery.id)).toEqual({ outcome: 'retry', error: `redirected to ${receiver.url('/elsewhere')}: redirects are not followed` });
    expect(requestsTo('/elsewhere')).toHaveLength(0);
    expect(await onlyDelivery(id)).toMatchObject({ status: 'pending', attempts: 1, responseStatus: 302 });

    receiver.answer('hang');
    const started = Date.now();
    expect(await deliver(delivery.id)).toEqual({ outcome: 'retry', error: 'no answer within 1 s' });
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(await onlyDelivery(id)).toMatchObject({ status: 'pending', attempts: 2, responseStatus: null, error: 'no answer within 1 s' });

    // At the last attempt a failure is final; the receiver's answer is kept, capped.
    await db().update(webhookDeliveries).set({ attempts: WEBHOOK_ATTEMPTS - 1 }).where(eq(webhookDeliveries.id, delivery.id));
    const failures = async () => (await metrics().webhookDeliveries.get()).values.find((v) => v.labels.outcome === 'failed')?.value ?? 0;
    const before = await failures();
    receiver.answer({ status: 503, body: 'x'.repeat(10_000) });
    expect(await deliver(delivery.id)).toEqual({ outcome: 'failed' });
    const failed = await onlyDelivery(id);
    expect(failed).toMatchObject({ status: 'failed', attempts: WEBHOOK_ATTEMPTS, responseStatus: 503, error: 'the receiver answered 503' });
    expect(failed.responseBody).toHaveLength(4096);
    expect(await failures()).toBe(before + 1);
    // Ended: the queue running it again sends nothing.
    expect(await deliver(delivery.id)).toEqual({ outcome: 'gone' });
  });

  it('connect to the address checked, never to what DNS says by then, and keep the URL’s host', async () => {
    // A name that resolves nowhere: only the pinned address can have been reached.
    const url = new URL(`http://rebound.invalid:${receiver.port}/pinned`);
    const result = await send({ url, address: '127.0.0.1', family: 4 }, '{}', {}, 1_000);
    expect(result).toMatchObject({ status: 200, body: 'ok' });
    const [request] = requestsTo('/pinned');
    expect(request!.headers.host).toBe(`rebound.invalid:${receiver.port}`);
  });

  it('stop at a 410 Gone without retrying', async () => {
    const { user, account } = await createUserWithAccount();
    const { id } = await register(user.id, receiver.url('/gone'));
    await schedulePost(user.id, account.id);
    const delivery = await onlyDelivery(id);
    receiver.answer({ status: 410 });
    expect(await deliver(delivery.id)).toEqual({ outcome: 'failed' });
    expect(await onlyDelivery(id)).toMatchObject({ status: 'failed', attempts: 1, responseStatus: 410 });
  });

  it('keep only the newest deliveries of each webhook', async () => {
    const { user, account } = await createUserWithAccount();
    const { id } = await register(user.id, receiver.url('/many'));
    const post = { userId: user.id, type: 'account.reconnect_needed' as const, data: { account: { id: account.id, username: account.username, reason: 'r' } } };
    await db().update(webhooks).set({ events: ['account.reconnect_needed'] }).where(eq(webhooks.id, id));
    for (let i = 0; i < DELIVERIES_KEPT + 5; i++) await fanOutToWebhooks(post);
    expect(await deliveriesOf(id)).toHaveLength(DELIVERIES_KEPT);
  });

  it('are bounded per user, refuse bad input with its field, and are each user’s own', async () => {
    const { user } = await createUserWithAccount();
    const other = await createUserWithAccount();
    session.userId = user.id;
    const { POST } = await hooksRoute();
    const bad = await call(POST, 'POST', '/api/v1/webhooks', { body: { url: receiver.url(), events: ['post.deleted'], extra: 1 } });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.fields!).sort()).toEqual(['_', 'events.0']);
    const credentials = await call(POST, 'POST', '/api/v1/webhooks', { body: { url: `http://me:pw@127.0.0.1:${receiver.port}/`, events: ['post.failed'] } });
    expect(credentials).toMatchObject({ status: 400, body: { error: 'This URL cannot receive webhooks: it must not carry a user name or password' } });
    const long = await call(POST, 'POST', '/api/v1/webhooks', { body: { url: `${receiver.url()}?${'a'.repeat(2048)}`, events: ['post.failed'] } });
    expect(long.status).toBe(400);

    const ids = [];
    for (let i = 0; i < MAX_WEBHOOKS_PER_USER; i++) ids.push((await register(user.id, receiver.url(`/n${i}`))).id);
    const over = await call(POST, 'POST', '/api/v1/webhooks', { body: { url: receiver.url(), events: ['post.failed'] } });
    expect(over.status).toBe(409);

    // Someone else's webhook does not exist for them.
    session.userId = other.user.id;
    const { GET, DELETE } = await hookRoute();
    const params = { id: ids[0]! };
    expect((await call(GET, 'GET', `/api/v1/webhooks/${ids[0]}`, { params })).status).toBe(404);
    expect((await call(DELETE, 'DELETE', `/api/v1/webhooks/${ids[0]}`, { params })).status).toBe(404);

    session.userId = user.id;
    expect((await call(DELETE, 'DELETE', `/api/v1/webhooks/${ids[0]}`, { params })).status).toBe(204);
    expect((await call(GET, 'GET', `/api/v1/webhooks/${ids[0]}`, { params })).status).toBe(404);
    expect((await call((await hooksRoute()).GET, 'GET', '/api/v1/webhooks')).body.webhooks).toHaveLength(MAX_WEBHOOKS_PER_USER - 1);
  });
});
