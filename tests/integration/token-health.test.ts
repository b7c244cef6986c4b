import { eq, inArray } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../x-sandbox/server';
import { checkTokenHealth } from '@/lib/accounts/token-health';
import { markReconnectNeeded } from '@/lib/accounts/tokens';
import { closeDb, db } from '@/lib/db';
import { notifications, posts, tokenChecks, xAccounts } from '@/lib/db/schema';
import { createPost } from '@/lib/posts/commands';
import { createPostInput } from '@/lib/posts/input';
import { closeQueue } from '@/lib/queue';
import { connectSandboxUser, control, startTestSandbox } from '../support/sandbox';
import { isolateQueue } from '../support/test-env';

let sandbox: Sandbox;

beforeAll(async () => {
  isolateQueue('tokenhealth');
  sandbox = await startTestSandbox();
});

/** Each test sees only its own accounts as due: posts other tests (and other files of the run) left waiting are cancelled. */
const cancelWaitingPosts = () => db().update(posts).set({ status: 'cancelled', queueSlot: false }).where(inArray(posts.status, ['scheduled', 'queued']));

beforeAll(cancelWaitingPosts);

afterEach(async () => {
  await control(sandbox, 'DELETE', '/faults');
  await cancelWaitingPosts();
});

afterAll(async () => {
  await closeQueue();
  await closeDb();
  await sandbox.close();
});

type Connected = Awaited<ReturnType<typeof connectSandboxUser>>;

async function scheduleIn(connected: Connected, minutes: number) {
  const at = new Date(Date.now() + minutes * 60_000).toISOString();
  return createPost(connected.user.id, createPostInput.parse({ accountId: connected.account.id, parts: [{ text: `in ${minutes} min ${Date.now()}` }], scheduledAt: at }));
}

const accountOf = async (connected: Connected) => (await db().select().from(xAccounts).where(eq(xAccounts.id, connected.account.id)))[0]!;
const notificationsOf = (connected: Connected) => db().select().from(notifications).where(eq(notifications.userId, connected.user.id));
const meCalls = async () => (await control<unknown[]>(sandbox, 'GET', '/requests?path=/2/users/me')).length;

describe('token health', () => {
  it('an account whose token X revoked, with a post in 30 minutes, needs reconnecting now: told once, the post not failed', async () => {
    const connected = await connectSandboxUser(sandbox);
    const post = await scheduleIn(connected, 30);
    await control(sandbox, 'POST', '/tokens/revoke', { username: connected.account.username });

    expect(await checkTokenHealth()).toMatchObject({ checked: 1, reconnectNeeded: 1 });
    expect((await accountOf(connected)).status).toBe('reconnect_needed');
    const told = await notificationsOf(connected);
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ type: 'account.reconnect_needed', title: `Reconnect @${connected.account.username}`, readAt: null });
    const [saved] = await db().select({ status: posts.status, lastError: posts.lastError }).from(posts).where(eq(posts.id, post.id));
    expect(saved).toEqual({ status: 'scheduled', lastError: null });

    // Not active any more: the next run leaves it alone, and nobody is told twice.
    expect(await checkTokenHealth()).toMatchObject({ checked: 0 });
    expect(await notificationsOf(connected)).toHaveLength(1);
  });

  it('a dead refresh token behind a live access token is found when the token would expire before the post', async () => {
    const connected = await connectSandboxUser(sandbox);
    await scheduleIn(connected, 40);
    await control(sandbox, 'POST', '/tokens/revoke-refresh', { username: connected.account.username });
    // The access token still works, but dies (in 10 minutes) before the post is due.
    await db().update(xAccounts).set({ tokenExpiresAt: new Date(Date.now() + 10 * 60_000) }).where(eq(xAccounts.id, connected.account.id));

    expect(await checkTokenHealth()).toMatchObject({ checked: 1, reconnectNeeded: 1 });
    expect((await accountOf(connected)).status).toBe('reconnect_needed');
    expect(await notificationsOf(connected)).toHaveLength(1);
  });

  it('a healthy account is checked once with one cheap call, and not again for a while; one without a post within the hour is not checked', async () => {
    const healthy = await connectSandboxUser(sandbox);
    const later = await connectSandboxUser(sandbox);
    await scheduleIn(healthy, 20);
    await scheduleIn(later, 180);
    const calls = await meCalls();

    expect(await checkTokenHealth()).toEqual({ checked: 1, ok: 1, reconnectNeeded: 0, unreachable: 0 });
    expect(await meCalls()).toBe(calls + 1);
    expect(await checkTokenHealth()).toMatchObject({ checked: 0 });
    expect((await accountOf(healthy)).status).toBe('active');
    expect(await db().select().from(tokenChecks).where(eq(tokenChecks.xAccountId, later.account.id))).toHaveLength(0);
    expect(await notificationsOf(healthy)).toHaveLength(0);
  });

  it('X unreachable decides nothing: the account stays active and is checked again at the next run', async () => {
    const connected = await connectSandboxUser(sandbox);
    await scheduleIn(connected, 15);
    await control(sandbox, 'POST', '/faults', { path: '/2/users/me', status: 503, times: 1 });

    expect(await checkTokenHealth()).toMatchObject({ checked: 1, unreachable: 1 });
    expect((await accountOf(connected)).status).toBe('active');
    expect(await notificationsOf(connected)).toHaveLength(0);
    expect(await checkTokenHealth()).toMatchObject({ checked: 1, ok: 1 });
  });

  it('the change to reconnect_needed is told exactly once, however many callers race to make it', async () => {
    const connected = await connectSandboxUser(sandbox);
    const changed = await Promise.all(Array.from({ length: 5 }, () => markReconnectNeeded({ ...connected.account, userId: connected.user.id }, 'X refused.')));
    expect(changed.filter(Boolean)).toHaveLength(1);
    expect(await notificationsOf(connected)).toHaveLength(1);
  });
});
