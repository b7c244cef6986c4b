import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../x-sandbox/server';
import { closeDb, db } from '@/lib/db';
import { posts, xAccounts } from '@/lib/db/schema';
import { createPost } from '@/lib/posts/commands';
import { createPostInput } from '@/lib/posts/input';
import { closeQueue } from '@/lib/queue';
import { spawnWorker, stopWorkers, waitUntil, waitForWorkerStart, type ChildHandle } from '../support/processes';
import { isolateQueue } from '../support/test-env';
import { connectSandboxUser, control, sandboxTweets, startTestSandbox } from '../support/sandbox';

let sandbox: Sandbox;
let workers: ChildHandle[] = [];

interface Recorded {
  path: string;
  body: { grant_type?: string } | null;
  status: number | null;
}

beforeAll(async () => {
  isolateQueue('tokens');
  sandbox = await startTestSandbox();
  workers = [spawnWorker(), spawnWorker(), spawnWorker()];
  await Promise.all(workers.map((w) => waitForWorkerStart(w)));
});

afterAll(async () => {
  await stopWorkers(workers);
  await closeQueue();
  await closeDb();
  await sandbox.close();
});

async function schedule(connected: Awaited<ReturnType<typeof connectSandboxUser>>, n: number, label: string) {
  const due = new Date(Date.now() + 3_000).toISOString();
  const created = [];
  for (let i = 0; i < n; i++) {
    created.push(await createPost(connected.user.id, createPostInput.parse({ accountId: connected.account.id, parts: [{ text: `${label} ${i}` }], scheduledAt: due })));
  }
  return created.map((p) => p.id);
}

async function expireTokens(connected: Awaited<ReturnType<typeof connectSandboxUser>>) {
  await control(sandbox, 'POST', '/tokens/expire', { username: connected.account.username });
  await db().update(xAccounts).set({ tokenExpiresAt: new Date(Date.now() - 1_000) }).where(eq(xAccounts.id, connected.account.id));
}

const refreshes = async (since: number) =>
  (await control<Recorded[]>(sandbox, 'GET', `/requests?path=/2/oauth2/token&since=${since}`)).filter((r) => r.body?.grant_type === 'refresh_token');

const settled = (ids: string[]) => async () =>
  (await db().select({ status: posts.status }).from(posts).where(inArray(posts.id, ids))).every((p) => p.status === 'published' || p.status === 'failed');

describe('tokens expiring under load', () => {
  it('three workers publishing for one account: exactly one refresh reaches X, the account stays active', async () => {
    const connected = await connectSandboxUser(sandbox);
    const ids = await schedule(connected, 30, 'refresh');
    await expireTokens(connected);
    await waitUntil(settled(ids), { what: 'all published', timeoutMs: 60_000, intervalMs: 300 });

    expect((await refreshes(0)).filter((r) => r.status === 200)).toHaveLength(1);
    const [account] = await db().select().from(xAccounts).where(eq(xAccounts.id, connected.account.id));
    expect(account!.status).toBe('active');
    const rows = await db().select({ status: posts.status }).from(posts).where(inArray(posts.id, ids));
    expect(rows.every((r) => r.status === 'published')).toBe(true);
    expect(await sandboxTweets(sandbox, connected.account.username)).toHaveLength(30);
  }, 90_000);

  it('a refused refresh marks the account reconnect_needed and fails its posts with "Reconnect @username"', async () => {
    const connected = await connectSandboxUser(sandbox);
    const before = (await control<{ seq: number }[]>(sandbox, 'GET', '/requests')).at(-1)?.seq ?? 0;
    const ids = await schedule(connected, 5, 'refused');
    await control(sandbox, 'POST', '/tokens/revoke-refresh', { username: connected.account.username });
    await expireTokens(connected);
    await waitUntil(settled(ids), { what: 'all failed', timeoutMs: 60_000, intervalMs: 300 });

    const [account] = await db().select().from(xAccounts).where(eq(xAccounts.id, connected.account.id));
    expect(account!.status).toBe('reconnect_needed');
    const rows = await db().select({ status: posts.status, lastError: posts.lastError, lastErrorClass: posts.lastErrorClass }).from(posts).where(inArray(posts.id, ids));
    expect(rows.map((r) => r.status)).toEqual(Array(5).fill('failed'));
    expect(rows.every((r) => r.lastError?.startsWith(`Reconnect @${connected.account.username}`))).toBe(true);
    expect(rows.every((r) => r.lastErrorClass === 'reconnect_needed')).toBe(true);
    expect(await sandboxTweets(sandbox, connected.account.username)).toEqual([]);
    // One refusal is enough: the other posts do not hammer X with a dead token.
    expect(await refreshes(before)).toHaveLength(1);
  }, 90_000);
});
