import { and, arrayContains, eq } from 'drizzle-orm';
import type { Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { session } from '../support/signed-in';
import type { Sandbox } from '../../x-sandbox/server';
import { db } from '@/lib/db';
import { notifications, posts, webhookDeliveries, webhooks } from '@/lib/db/schema';
import { emit } from '@/lib/events/emit';
import { setNotificationEmail } from '@/lib/notifications/email';
import { NOTIFICATIONS_KEPT_PER_USER } from '@/lib/notifications/store';
import { createPost } from '@/lib/posts/commands';
import { createPostInput } from '@/lib/posts/input';
import { PUBLISH_JOB, postQueue, webhookQueue } from '@/lib/queue';
import { createWebhook } from '@/lib/webhooks/commands';
import { postQueueProcessor } from '@/worker/processors';
import { createUserWithAccount } from '../support/fixtures';
import { connectSandboxUser, startTestSandbox } from '../support/sandbox';
import { callRoute, type Handler } from '../support/call-route';

const call = (handler: Handler, method: string, url: string, body?: unknown) => callRoute(handler, method, url, { body });

const listRoute = () => import('@/app/api/v1/notifications/route');
const readRoute = () => import('@/app/api/v1/notifications/read/route');
const emailRoute = () => import('@/app/api/v1/notifications/email/route');

interface Listed {
  notifications: { id: string; type: string; title: string; body: string; link: string; readAt: string | null }[];
  unread: number;
  nextCursor: string | null;
}

const reconnect = (userId: string, accountId: string, username: string, reason = `Reconnect @${username}: X no longer accepts Herald's access to this account.`) =>
  emit({ type: 'account.reconnect_needed', userId, data: { account: { id: accountId, username, reason } } });

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(async () => {
  await sandbox.close();
});

describe('notifications', () => {
  it('a reconnect event becomes one unread notification with the @username, the reason and the accounts link', async () => {
    const { user, account } = await createUserWithAccount();
    await reconnect(user.id, account.id, account.username);
    session.userId = user.id;
    const { GET } = await listRoute();
    const listed = (await call(GET, 'GET', '/api/v1/notifications')) as { status: number; body: unknown } as { status: number; body: Listed };
    expect(listed.status).toBe(200);
    expect(listed.body.unread).toBe(1);
    expect(listed.body.notifications).toEqual([
      expect.objectContaining({ type: 'account.reconnect_needed', title: `Reconnect @${account.username}`, link: '/accounts', readAt: null, body: expect.stringContaining("X no longer accepts Herald's access") }),
    ]);
  });

  it('the worker passes post.published to the owner’s webhook, even one added just after a publish found none anywhere', async () => {
    const { user, account } = await connectSandboxUser(sandbox);
    const process = postQueueProcessor(postQueue());
    const publish = async (text: string) => {
      const post = await createPost(user.id, createPostInput.parse({ accountId: account.id, parts: [{ text }], publishNow: true }));
      expect(await process({ name: PUBLISH_JOB, data: { postId: post.id, revision: post.revision } } as Job)).toMatchObject({ outcome: 'published' });
      return post.id;
    };
    const publishedDeliveries = async (webhookId: string) =>
      db().select({ body: webhookDeliveries.body }).from(webhookDeliveries).where(and(eq(webhookDeliveries.webhookId, webhookId), eq(webhookDeliveries.eventType, 'post.published')));

    // No webhook anywhere takes post.published yet: the process remembers that for a few seconds…
    await db().update(webhooks).set({ events: ['post.scheduled'] }).where(arrayContains(webhooks.events, ['post.published']));
    await publish(`Before any webhook ${Date.now()}`);
    // …and forgets it when a webhook is added, so the next publish is told at once.
    const { view } = await createWebhook(user.id, { url: 'https://93.184.215.14/published', events: ['post.published'] });
    const postId = await publish(`After the webhook ${Date.now()}`);
    const deliveries = await publishedDeliveries(view.id);
    expect(deliveries).toHaveLength(1);
    expect(JSON.parse(deliveries[0]!.body)).toMatchObject({ type: 'post.published', data: { post: { id: postId, status: 'published' } } });
  });

  it('post.published and post.scheduled are for webhooks only: no notification', async () => {
    const { user, account } = await createUserWithAccount();
    const post = await createPost(user.id, createPostInput.parse({ accountId: account.id, parts: [{ text: 'quiet one' }], scheduledAt: new Date(Date.now() + 3600_000).toISOString() }));
    await emit({ type: 'post.scheduled', userId: user.id, data: { post } });
    await emit({ type: 'post.published', userId: user.id, data: { post } });
    expect(await db().select().from(notifications).where(eq(notifications.userId, user.id))).toHaveLength(0);
  });

  it('a post that fails in the worker notifies its owner once, quoting the post and X’s reason; email is off, so nothing is queued', async () => {
    const { user, account } = await connectSandboxUser(sandbox);
    // An address is set, but SMTP_URL is not: no email job, no error.
    await setNotificationEmail(user.id, 'owner@example.com');
    const process = postQueueProcessor(postQueue());
    const run = async (id: string, revision: number) => process({ name: PUBLISH_JOB, data: { postId: id, revision } } as Job);
    const text = `Said twice ${Date.now()}`;
    const first = await createPost(user.id, createPostInput.parse({ accountId: account.id, parts: [{ text }], publishNow: true }));
    expect(await run(first.id, first.revision)).toMatchObject({ outcome: 'published' });
    const second = await createPost(user.id, createPostInput.parse({ accountId: account.id, parts: [{ text }], publishNow: true }));
    expect(await run(second.id, second.revision)).toMatchObject({ outcome: 'failed' });

    const rows = await db().select().from(notifications).where(eq(notifications.userId, user.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ type: 'post.failed', title: `A post to @${account.username} failed`, link: `/calendar?post=${second.id}` });
    expect(rows[0]!.body).toContain(`“${text}”`);
    expect(rows[0]!.body).toMatch(/duplicate/i);
    expect(await webhookQueue().getJob(`n${rows[0]!.id}`)).toBeUndefined();
    const [post] = await db().select({ status: posts.status }).from(posts).where(eq(posts.id, second.id));
    expect(post!.status).toBe('failed');
  });

  it('each user lists only their own, pages through them newest first, and marks only their own read', async () => {
    const a = await createUserWithAccount();
    const b = await createUserWithAccount();
    for (let i = 0; i < 5; i++) await reconnect(a.user.id, a.account.id, a.account.username, `reason ${i}.`);
    await reconnect(b.user.id, b.account.id, b.account.username);
    const { GET } = await listRoute();
    const { POST } = await readRoute();

    session.userId = a.user.id;
    const first = (await call(GET, 'GET', '/api/v1/notifications?limit=2')).body as unknown as Listed;
    expect(first.notifications.map((n) => n.body.slice(0, 8))).toEqual(['reason 4', 'reason 3']);
    expect(first.unread).toBe(5);
    const second = (await call(GET, 'GET', `/api/v1/notifications?limit=2&cursor=${first.nextCursor}`)).body as unknown as Listed;
    expect(second.notifications.map((n) => n.body.slice(0, 8))).toEqual(['reason 2', 'reason 1']);
    const third = (await call(GET, 'GET', `/api/v1/notifications?limit=2&cursor=${second.nextCursor}`)).body as unknown as Listed;
    expect(third.notifications.map((n) => n.body.slice(0, 8))).toEqual(['reason 0']);
    expect(third.nextCursor).toBeNull();
    expect((await call(GET, 'GET', '/api/v1/notifications?cursor=nonsense')).status).toBe(400);
    expect((await call(GET, 'GET', '/api/v1/notifications?limit=101')).status).toBe(400);
    expect((await call(GET, 'GET', '/api/v1/notifications?page=2')).status).toBe(400);

    session.userId = b.user.id;
    const bList = (await call(GET, 'GET', '/api/v1/notifications')).body as unknown as Listed;
    expect(bList.notifications).toHaveLength(1);
    // b names a's notification: nothing of a's changes.
    const aId = first.notifications[0]!.id;
    expect(await call(POST, 'POST', '/api/v1/notifications/read', { ids: [aId] })).toMatchObject({ status: 200, body: { unread: 1 } });
    expect(await call(POST, 'POST', '/api/v1/notifications/read', { all: true })).toMatchObject({ status: 200, body: { unread: 0 } });

    session.userId = a.user.id;
    expect(((await call(GET, 'GET', '/api/v1/notifications?limit=1')).body as unknown as Listed).unread).toBe(5);
    expect(await call(POST, 'POST', '/api/v1/notifications/read', { ids: [aId] })).toMatchObject({ status: 200, body: { unread: 4 } });
    const after = (await call(GET, 'GET', '/api/v1/notifications?limit=1')).body as unknown as Listed;
    expect(after.notifications[0]!.readAt).not.toBeNull();
    expect(await call(POST, 'POST', '/api/v1/notifications/read', { all: true })).toMatchObject({ status: 200, body: { unread: 0 } });

    session.userId = null;
    expect((await call(GET, 'GET', '/api/v1/notifications')).status).toBe(401);
  });

  it('"mark read" takes ids (at most 100) or all: true, nothing else', async () => {
    const { user } = await createUserWithAccount();
    session.userId = user.id;
    const { POST } = await readRoute();
    const uuid = '00000000-0000-4000-8000-000000000000';
    for (const body of [{}, { ids: [uuid], all: true }, { all: false }, { ids: [] }, { ids: ['nope'] }, { ids: Array(101).fill(uuid) }, { all: true, extra: 1 }]) {
      expect((await call(POST, 'POST', '/api/v1/notifications/read', body)).status, JSON.stringify(body).slice(0, 60)).toBe(400);
    }
    expect((await call(POST, 'POST', '/api/v1/notifications/read', { ids: Array(100).fill(uuid) })).status).toBe(200);
  });

  it('each user keeps the newest 500: a new one sweeps the oldest', async () => {
    const { user, account } = await createUserWithAccount();
    const other = await createUserWithAccount();
    const start = Date.now() - 3600_000;
    const old = Array.from({ length: NOTIFICATIONS_KEPT_PER_USER + 5 }, (_, i) => ({
      userId: user.id,
      type: 'post.failed' as const,
      title: `old ${i}`,
      body: 'b',
      link: '/calendar',
      createdAt: new Date(start + i * 1000),
    }));
    await db().insert(notifications).values(old);
    await reconnect(other.user.id, other.account.id, other.account.username);
    await reconnect(user.id, account.id, account.username);
    const rows = await db().select({ title: notifications.title }).from(notifications).where(eq(notifications.userId, user.id));
    expect(rows).toHaveLength(NOTIFICATIONS_KEPT_PER_USER);
    const titles = new Set(rows.map((r) => r.title));
    expect(titles.has(`Reconnect @${account.username}`)).toBe(true);
    // The six oldest went: 505 old + 1 new - 500 kept.
    for (let i = 0; i < 6; i++) expect(titles.has(`old ${i}`)).toBe(false);
    expect(titles.has('old 6')).toBe(true);
    // Another user's are not touched.
    expect(await db().select().from(notifications).where(eq(notifications.userId, other.user.id))).toHaveLength(1);
  });

  it('the notification email address is validated, set from the session only, and can be cleared', async () => {
    const { user } = await createUserWithAccount();
    const { PUT } = await emailRoute();
    expect((await call(PUT, 'PUT', '/api/v1/notifications/email', { email: 'a@example.com' })).status).toBe(401);
    session.userId = user.id;
    expect(await call(PUT, 'PUT', '/api/v1/notifications/email', { email: 'not an address' })).toMatchObject({ status: 400, body: { fields: { email: [expect.stringContaining('email')] } } });
    expect((await call(PUT, 'PUT', '/api/v1/notifications/email', { email: 'a@example.com', more: 1 })).status).toBe(400);
    expect(await call(PUT, 'PUT', '/api/v1/notifications/email', { email: 'me@example.com' })).toMatchObject({ status: 200, body: { email: 'me@example.com' } });
    expect(await call(PUT, 'PUT', '/api/v1/notifications/email', { email: '' })).toMatchObject({ status: 200, body: { email: null } });
  });
});
