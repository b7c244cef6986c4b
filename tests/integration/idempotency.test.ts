import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { png } from '../../x-sandbox/test-support';
import { db } from '@/lib/db';
import { idempotencyKeys, media, posts } from '@/lib/db/schema';
import { claimKey, sweepIdempotencyKeys } from '@/lib/idempotency/keys';
import { createUserWithAccount } from '../support/fixtures';
import { session } from '../support/signed-in';

type Handler = (request: Request, context: { params: Promise<unknown> }) => Promise<Response>;

let mediaDir: string;
beforeAll(async () => {
  mediaDir = await mkdtemp(path.join(tmpdir(), 'herald-idempotency-'));
  process.env.MEDIA_DIR = mediaDir;
});
afterAll(() => rm(mediaDir, { recursive: true, force: true }));

async function send(handler: Handler, url: string, { key, body, params = {} }: { key?: string; body?: unknown; params?: Record<string, string> } = {}) {
  const headers = new Headers();
  if (key !== undefined) headers.set('idempotency-key', key);
  if (body !== undefined) headers.set('content-type', 'application/json');
  const response = await handler(new Request(`http://localhost${url}`, { method: 'POST', headers, body: body === undefined ? undefined : JSON.stringify(body) }), { params: Promise.resolve(params) });
  const text = await response.text();
  return { status: response.status, replayed: response.headers.get('idempotent-replayed'), body: text ? (JSON.parse(text) as Record<string, unknown>) : null };
}

const postsRoute = async () => (await import('@/app/api/v1/posts/route')).POST;
const postsOf = (userId: string) => db().select({ id: posts.id }).from(posts).where(eq(posts.userId, userId));

async function signedIn() {
  const owner = await createUserWithAccount();
  session.userId = owner.user.id;
  return owner;
}

describe('Idempotency-Key on POST', () => {
  it('the same key and body gets the first answer again, marked as replayed, and creates nothing new', async () => {
    const { user, account } = await signedIn();
    const POST = await postsRoute();
    const body = { accountId: account.id, parts: [{ text: 'Once only' }] };
    const key = randomUUID();
    const first = await send(POST, '/api/v1/posts', { key, body });
    expect(first).toMatchObject({ status: 201, replayed: null });
    const again = await send(POST, '/api/v1/posts', { key, body });
    expect(again).toEqual({ ...first, replayed: 'true' });
    expect(await postsOf(user.id)).toHaveLength(1);
    // Without a key, or with another, a POST is a new request.
    expect((await send(POST, '/api/v1/posts', { body })).status).toBe(201);
    expect((await send(POST, '/api/v1/posts', { key: randomUUID(), body })).status).toBe(201);
    expect(await postsOf(user.id)).toHaveLength(3);
  });

  it('the same key with another body, or on another path, is a 422 that creates nothing', async () => {
    const { user, account } = await signedIn();
    const POST = await postsRoute();
    const key = randomUUID();
    expect((await send(POST, '/api/v1/posts', { key, body: { accountId: account.id, parts: [{ text: 'First' }] } })).status).toBe(201);
    const other = await send(POST, '/api/v1/posts', { key, body: { accountId: account.id, parts: [{ text: 'Second' }] } });
    expect(other).toMatchObject({ status: 422, body: { error: expect.stringMatching(/already used with another request/) } });
    const groups = (await import('@/app/api/v1/post-groups/route')).POST;
    expect((await send(groups, '/api/v1/post-groups', { key, body: { posts: [] } })).status).toBe(400); // invalid bodies are refused before the key is looked at
    const retry = (await import('@/app/api/v1/posts/[id]/retry/route')).POST;
    const id = randomUUID();
    expect((await send(retry, `/api/v1/posts/${id}/retry`, { key, params: { id } })).status).toBe(422);
    expect(await postsOf(user.id)).toHaveLength(1);
  });

  it('keys belong to their user: another user with the same key makes their own post', async () => {
    const key = randomUUID();
    const POST = await postsRoute();
    for (let i = 0; i < 2; i++) {
      const { user, account } = await signedIn();
      expect(await send(POST, '/api/v1/posts', { key, body: { accountId: account.id, parts: [{ text: 'Same words' }] } })).toMatchObject({ status: 201, replayed: null });
      expect(await postsOf(user.id)).toHaveLength(1);
    }
  });

  it('concurrent requests with one key create one post; the others get 409 while it runs (or its answer after)', async () => {
    const { user, account } = await signedIn();
    const POST = await postsRoute();
    const body = { accountId: account.id, parts: [{ text: 'Raced' }] };
    const key = randomUUID();
    const answers = await Promise.all(Array.from({ length: 6 }, () => send(POST, '/api/v1/posts', { key, body })));
    expect(answers.filter((a) => a.status === 201 && a.replayed === null)).toHaveLength(1);
    for (const a of answers) expect([201, 409]).toContain(a.status);
    expect(await postsOf(user.id)).toHaveLength(1);

    // A key held by a request still running: 409 that says so, and nothing made.
    const held = randomUUID();
    await claimKey({ userId: user.id, key: held, request: 'POST /api/v1/posts', bodyHash: null });
    expect(await send(POST, '/api/v1/posts', { key: held, body })).toMatchObject({ status: 409, body: { error: expect.stringMatching(/in progress/) } });
    expect(await postsOf(user.id)).toHaveLength(1);
  });

  it('a failed answer frees its key: sent again once things changed, it runs', async () => {
    const { account } = await signedIn();
    const made = await send(await postsRoute(), '/api/v1/posts', { body: { accountId: account.id, parts: [{ text: 'Not failed yet' }] } });
    const id = (made.body!.post as { id: string }).id;
    const retry = (await import('@/app/api/v1/posts/[id]/retry/route')).POST;
    const key = randomUUID();
    // A draft cannot be retried: the handler refuses, after the key was taken.
    const refused = await send(retry, `/api/v1/posts/${id}/retry`, { key, params: { id } });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.status).toBeLessThan(500);
    expect(await db().select().from(idempotencyKeys).where(eq(idempotencyKeys.key, key))).toEqual([]);
    await db().update(posts).set({ status: 'failed', lastError: 'X said no', attempts: 3 }).where(eq(posts.id, id));
    expect(await send(retry, `/api/v1/posts/${id}/retry`, { key, params: { id } })).toMatchObject({ status: 200, replayed: null });
  });

  it('works for POSTs without a body (retry): the same key on the same post replays', async () => {
    const { user, account } = await signedIn();
    const made = await send(await postsRoute(), '/api/v1/posts', { body: { accountId: account.id, parts: [{ text: 'Will fail' }] } });
    const id = (made.body!.post as { id: string }).id;
    await db().update(posts).set({ status: 'failed', lastError: 'X said no', attempts: 3 }).where(eq(posts.id, id));
    const retry = (await import('@/app/api/v1/posts/[id]/retry/route')).POST;
    const key = randomUUID();
    const first = await send(retry, `/api/v1/posts/${id}/retry`, { key, params: { id } });
    expect(first.status).toBe(200);
    // Retrying a queued post would be a 409; the key makes it the same answer instead.
    expect(await send(retry, `/api/v1/posts/${id}/retry`, { key, params: { id } })).toEqual({ ...first, replayed: 'true' });
    expect(await send(retry, `/api/v1/posts/${id}/retry`, { key: randomUUID(), params: { id } })).toMatchObject({ status: 409 });
    expect(await postsOf(user.id)).toHaveLength(1);
  });

  it('works for uploads: the same file with the same key is stored once; another file with it is a 422', async () => {
    const { user } = await signedIn();
    const { POST } = await import('@/app/api/v1/media/route');
    const upload = (bytes: Buffer, key: string) => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/png' }), 'a.png');
      return POST(new Request('http://localhost/api/v1/media', { method: 'POST', body: form, headers: { 'idempotency-key': key } }), { params: Promise.resolve({}) });
    };
    const key = randomUUID();
    const image = png(4, 4);
    const first = await upload(image, key);
    expect(first.status).toBe(201);
    const again = await upload(image, key);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(await first.json());
    expect((await upload(png(5, 5), key)).status).toBe(422);
    expect(await db().select().from(media).where(eq(media.userId, user.id))).toHaveLength(1);
  });

  it('refuses a key that is not 1–255 printable ASCII characters with 400', async () => {
    const { account } = await signedIn();
    const POST = await postsRoute();
    const body = { accountId: account.id, parts: [{ text: 'Keyed' }] };
    for (const key of ['', 'tab\there', 'x'.repeat(256)]) {
      expect(await send(POST, '/api/v1/posts', { key, body })).toMatchObject({ status: 400, body: { error: expect.stringMatching(/Idempotency-Key/) } });
    }
    expect((await send(POST, '/api/v1/posts', { key: 'x'.repeat(255), body })).status).toBe(201);
  });

  it('forgets keys after 24 hours: the key runs again, and the sweep deletes old keys', async () => {
    const { user, account } = await signedIn();
    const POST = await postsRoute();
    const body = { accountId: account.id, parts: [{ text: 'Daily' }] };
    const key = randomUUID();
    expect((await send(POST, '/api/v1/posts', { key, body })).status).toBe(201);
    const age = (hours: number) =>
      db()
        .update(idempotencyKeys)
        .set({ createdAt: sql`now() - ${`${hours} hours`}::interval` })
        .where(and(eq(idempotencyKeys.userId, user.id), eq(idempotencyKeys.key, key)));
    await age(23);
    expect((await send(POST, '/api/v1/posts', { key, body })).replayed).toBe('true');
    await age(25);
    expect(await send(POST, '/api/v1/posts', { key, body })).toMatchObject({ status: 201, replayed: null });
    expect(await postsOf(user.id)).toHaveLength(2);

    await age(25);
    const kept = randomUUID();
    expect((await send(POST, '/api/v1/posts', { key: kept, body })).status).toBe(201);
    expect(await sweepIdempotencyKeys()).toBeGreaterThanOrEqual(1);
    const left = await db().select({ key: idempotencyKeys.key }).from(idempotencyKeys).where(eq(idempotencyKeys.userId, user.id));
    expect(left).toEqual([{ key: kept }]);
  });
});
