import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../x-sandbox/server';
import { listAccounts } from '@/lib/accounts/queries';
import { disconnectAccount } from '@/lib/accounts/commands';
import { ReconnectNeededError, accessTokenFor } from '@/lib/accounts/tokens';
import { closeDb, db } from '@/lib/db';
import { xAccounts } from '@/lib/db/schema';
import { AppError } from '@/lib/errors';
import { createPost, updatePost } from '@/lib/posts/commands';
import { createPostInput, updatePostInput } from '@/lib/posts/input';
import { getPost } from '@/lib/posts/queries';
import { publishPost } from '@/lib/publishing/publish';
import { closeQueue, postQueue } from '@/lib/queue';
import { createUserWithAccount, jobIdOf } from '../support/fixtures';
import { connectSandboxUser, control, startTestSandbox } from '../support/sandbox';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(async () => {
  await closeQueue();
  await closeDb();
  await sandbox.close();
});

const inHours = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();

async function xAccepts(accessToken: string): Promise<number> {
  return (await fetch(`${sandbox.url}/2/users/me`, { headers: { authorization: `Bearer ${accessToken}` } })).status;
}

describe('disconnecting an X account', () => {
  it("revokes Herald's tokens at X, deletes them, and turns the account's scheduled posts into drafts", async () => {
    const { user, account, tokens } = await connectSandboxUser(sandbox);
    const scheduled = await createPost(user.id, createPostInput.parse({ accountId: account.id, parts: [{ text: 'planned' }], scheduledAt: inHours(2) }));
    const draft = await createPost(user.id, createPostInput.parse({ accountId: account.id, parts: [{ text: 'idea' }] }));
    expect(await xAccepts(tokens.access_token)).toBe(200);

    const result = await disconnectAccount(user.id, account.id);
    expect(result).toMatchObject({ drafted: 1, revokedAtX: true, account: { id: account.id, status: 'disconnected' } });

    // At X: the grant is gone, access and refresh tokens alike.
    expect(await xAccepts(tokens.access_token)).toBe(401);
    const refresh = await fetch(`${sandbox.url}/2/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from('herald-sandbox:herald-sandbox-secret').toString('base64')}` },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token }),
    });
    expect(refresh.status).toBe(400);

    // In Herald: no token left; the scheduled post is a draft that keeps its time, and its job is gone.
    const [row] = await db().select().from(xAccounts).where(eq(xAccounts.id, account.id));
    expect(row).toMatchObject({ accessTokenEnc: null, refreshTokenEnc: null, status: 'disconnected' });
    const after = await getPost(user.id, scheduled.id);
    expect(after).toMatchObject({ status: 'draft', scheduledAt: scheduled.scheduledAt, revision: 2 });
    expect(await postQueue().getJobState(await jobIdOf(scheduled.id, 1))).toBe('unknown');
    expect((await getPost(user.id, draft.id)).status).toBe('draft');
    expect((await listAccounts(user.id)).map((a) => a.status)).toEqual(['disconnected']);

    // Nothing can be scheduled on it until it is reconnected; a draft can still be written.
    const refused = await updatePost(user.id, scheduled.id, updatePostInput.parse({ scheduledAt: inHours(3) })).catch((e: unknown) => e);
    expect((refused as AppError).fields?.accountId?.[0]).toMatch(/disconnected: reconnect it/);
    expect((await createPost(user.id, createPostInput.parse({ accountId: account.id, parts: [{ text: 'still a draft' }] }))).status).toBe('draft');

    // Disconnecting again changes nothing.
    expect(await disconnectAccount(user.id, account.id)).toMatchObject({ drafted: 0, revokedAtX: true });
  });

  it('the job of a post it drafted does nothing, and publishing on it says to reconnect', async () => {
    const { user, account } = await connectSandboxUser(sandbox);
    const post = await createPost(user.id, createPostInput.parse({ accountId: account.id, parts: [{ text: 'racing' }], publishNow: true }));
    await disconnectAccount(user.id, account.id);
    expect((await publishPost(post.id, post.revision)).outcome).toBe('stale');
    expect((await getPost(user.id, post.id)).status).toBe('draft');
    const error = await accessTokenFor(account.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReconnectNeededError);
    expect((error as Error).message).toBe(`@${account.username} is disconnected from Herald: reconnect it on the accounts page, then retry.`);
  });

  it("still deletes the tokens when X cannot be reached, and says so; another user's account is not found", async () => {
    const { user, account } = await connectSandboxUser(sandbox);
    await control(sandbox, 'POST', '/faults', { path: '/2/oauth2/revoke', method: 'POST', status: 503 });
    try {
      expect(await disconnectAccount(user.id, account.id)).toMatchObject({ revokedAtX: false, account: { status: 'disconnected' } });
    } finally {
      await control(sandbox, 'DELETE', '/faults');
    }
    const stranger = await createUserWithAccount();
    const error = await disconnectAccount(stranger.user.id, account.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(404);
  });
});
