import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../x-sandbox/server';
import { listAccounts } from '@/lib/accounts/queries';
import { finishConnect, startConnect } from '@/lib/accounts/connect';
import { closeDb, db } from '@/lib/db';
import { authAccounts, xAccounts } from '@/lib/db/schema';
import { AppError } from '@/lib/errors';
import { connectSandboxUser, startTestSandbox } from '../support/sandbox';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(async () => {
  await closeDb();
  await sandbox.close();
});

/** Follows the authorize URL to the sandbox's consent form and approves it as `username`. */
async function approve(authorizeUrl: string, username: string): Promise<URLSearchParams> {
  const url = new URL(authorizeUrl);
  const page = await fetch(url);
  expect(page.status).toBe(200);
  const res = await fetch(`${url.origin}${url.pathname}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...Object.fromEntries(url.searchParams), new_username: username, action: 'authorize' }),
    redirect: 'manual',
  });
  expect(res.status).toBe(302);
  return new URL(res.headers.get('location')!).searchParams;
}

describe('connecting more X accounts', () => {
  it('adds a second account to the signed-in user', async () => {
    const { user, account } = await connectSandboxUser(sandbox);
    const { url, cookie } = startConnect(user.id);
    expect(new URL(url).searchParams.get('scope')).toBe('tweet.read tweet.write users.read offline.access media.write');
    const second = `second${Date.now().toString(36).slice(-6)}`;
    const connected = await finishConnect(user.id, await approve(url, second), cookie);
    expect(connected).toMatchObject({ username: second, status: 'active' });
    expect((await listAccounts(user.id)).map((a) => a.username)).toEqual([account.username, second]);
    // Signing in with that X account later leads to this same Herald user.
    const [row] = await db().select().from(xAccounts).where(eq(xAccounts.id, connected.id));
    const [link] = await db().select().from(authAccounts).where(eq(authAccounts.providerAccountId, row!.xUserId));
    expect(link?.userId).toBe(user.id);
  });

  it('reconnecting an account that needs it makes it active again', async () => {
    const { user, account } = await connectSandboxUser(sandbox);
    await db().update(xAccounts).set({ status: 'reconnect_needed' }).where(eq(xAccounts.id, account.id));
    const { url, cookie } = startConnect(user.id);
    await finishConnect(user.id, await approve(url, account.username), cookie);
    expect((await listAccounts(user.id)).map((a) => [a.username, a.status])).toEqual([[account.username, 'active']]);
  });

  it("refuses a state that does not match, another user's attempt and someone else's X account", async () => {
    const { user } = await connectSandboxUser(sandbox);
    const other = await connectSandboxUser(sandbox);
    const { url, cookie } = startConnect(user.id);
    const params = await approve(url, `x${Date.now().toString(36).slice(-8)}`);

    const forged = new URLSearchParams(params);
    forged.set('state', 'forged');
    await expect(finishConnect(user.id, forged, cookie)).rejects.toBeInstanceOf(AppError);
    await expect(finishConnect(other.user.id, params, cookie)).rejects.toThrow(/expired/);

    const attempt = startConnect(user.id);
    const taken = await approve(attempt.url, other.account.username);
    await expect(finishConnect(user.id, taken, attempt.cookie)).rejects.toThrow(/already connected to another Herald user/);
    const [row] = await db().select().from(xAccounts).where(eq(xAccounts.id, other.account.id));
    expect(row!.userId).toBe(other.user.id);
  });

  it('says so when the person cancels on X', async () => {
    const { user } = await connectSandboxUser(sandbox);
    const { url, cookie } = startConnect(user.id);
    const u = new URL(url);
    const res = await fetch(`${u.origin}${u.pathname}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...Object.fromEntries(u.searchParams), action: 'cancel' }),
      redirect: 'manual',
    });
    const params = new URL(res.headers.get('location')!).searchParams;
    await expect(finishConnect(user.id, params, cookie)).rejects.toThrow('You did not authorize Herald on X.');
  });
});
