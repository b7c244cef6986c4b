import { hostname } from 'node:os';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../x-sandbox/server';
import { session } from '../support/signed-in';
import { createPost } from '@/lib/posts/commands';
import { createPostInput } from '@/lib/posts/input';
import { listAttemptsAsAdmin } from '@/lib/posts/attempts';
import { publishPost } from '@/lib/publishing/publish';
import { createUserWithAccount } from '../support/fixtures';
import { connectSandboxUser, control, startTestSandbox } from '../support/sandbox';

// An admin reads anyone's attempts through the same route (the admin page's failed posts).
const ADMIN_X_USER_ID = '7000000000000000091';
process.env.ADMIN_X_USER_IDS = ADMIN_X_USER_ID;

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterEach(async () => {
  await control(sandbox, 'DELETE', '/faults');
});
afterAll(async () => {
  await sandbox.close();
});

const attemptsRoute = () => import('@/app/api/v1/posts/[id]/attempts/route');

async function getAttempts(id: string): Promise<{ status: number; requestId: string | null; body: { attempts?: Record<string, unknown>[]; error?: string } }> {
  const { GET } = await attemptsRoute();
  const response = await GET(new Request(`http://localhost/api/v1/posts/${id}/attempts`), { params: Promise.resolve({ id }) });
  return { status: response.status, requestId: response.headers.get('x-request-id'), body: (await response.json()) as { attempts?: Record<string, unknown>[] } };
}

async function postNow(userId: string, accountId: string, text: string) {
  return createPost(userId, createPostInput.parse({ accountId, parts: [{ text }], publishNow: true }));
}

describe("a post's attempt history", () => {
  it('keeps a row per attempt: a 503 then a success gives two rows with X status codes, newest first', async () => {
    const { user, account } = await connectSandboxUser(sandbox);
    await control(sandbox, 'POST', '/faults', { path: '/2/tweets', method: 'POST', status: 503, times: 1 });
    const post = await postNow(user.id, account.id, 'tried twice');
    expect((await publishPost(post.id, post.revision)).outcome).toBe('retry');
    expect((await publishPost(post.id, post.revision)).outcome).toBe('published');

    session.userId = user.id;
    const answer = await getAttempts(post.id);
    expect(answer.status).toBe(200);
    expect(answer.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const worker = `${hostname()}-${process.pid}`;
    expect(answer.body.attempts).toEqual([
      { attempt: 2, startedAt: expect.any(String), finishedAt: expect.any(String), worker, outcome: 'published', xStatus: 201, errorClass: null, error: null },
      { attempt: 1, startedAt: expect.any(String), finishedAt: expect.any(String), worker, outcome: 'retry', xStatus: 503, errorClass: 'transient', error: expect.stringContaining('X had a problem (503)') },
    ]);
    const [latest, first] = answer.body.attempts!;
    expect(Date.parse(first!.finishedAt as string)).toBeLessThanOrEqual(Date.parse(latest!.startedAt as string));
  });

  it('records a permanent refusal with X status and class, and a post never attempted has none', async () => {
    const { user, account } = await connectSandboxUser(sandbox);
    await control(sandbox, 'POST', '/faults', { path: '/2/tweets', method: 'POST', status: 403, body: { title: 'Forbidden', detail: 'You are not allowed to create a Tweet with duplicate content.', status: 403 }, times: 1 });
    const post = await postNow(user.id, account.id, 'refused');
    expect((await publishPost(post.id, post.revision)).outcome).toBe('failed');
    const untouched = await postNow(user.id, account.id, 'never tried');

    session.userId = user.id;
    expect((await getAttempts(post.id)).body.attempts).toEqual([expect.objectContaining({ attempt: 1, outcome: 'failed', xStatus: 403, errorClass: 'permanent' })]);
    expect(await getAttempts(untouched.id)).toMatchObject({ status: 200, body: { attempts: [] } });
  });

  it("is the owner's only: another user, an unknown id and a malformed one get 404; an admin reads anyone's", async () => {
    const { user, account } = await connectSandboxUser(sandbox);
    const post = await postNow(user.id, account.id, 'mine alone');
    expect((await publishPost(post.id, post.revision)).outcome).toBe('published');
    const other = await connectSandboxUser(sandbox);

    session.userId = other.user.id;
    expect(await getAttempts(post.id)).toMatchObject({ status: 404, body: { error: 'Post not found' } });
    expect((await getAttempts('00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await getAttempts('not-a-uuid')).status).toBe(404);
    session.userId = null;
    expect((await getAttempts(post.id)).status).toBe(401);

    expect(await listAttemptsAsAdmin(post.id)).toEqual([expect.objectContaining({ outcome: 'published', xStatus: 201 })]);
    session.userId = (await createUserWithAccount({ xUserId: ADMIN_X_USER_ID })).user.id;
    expect(await getAttempts(post.id)).toMatchObject({ status: 200, body: { attempts: [expect.objectContaining({ outcome: 'published', xStatus: 201 })] } });
  });
});
