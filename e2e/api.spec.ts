import { expect, request as playwrightRequest, test } from '@playwright/test';
import { firstAccountId, signIn, uniqueText, uniqueUsername } from './support';

test('the JSON API answers 401 without a session, in the one error format', async ({ request }) => {
  expect((await request.get('/api/v1/posts')).status()).toBe(401);
  expect((await request.post('/api/v1/posts', { data: {} })).status()).toBe(401);
  // Before anything else is looked at: a bad id or a bad query is still "sign in first".
  const bad = await request.post('/api/v1/posts/not-a-uuid/retry?what=1');
  expect(bad.status()).toBe(401);
  expect(await bad.json()).toEqual({ error: 'Sign in first' });
});

test("one user cannot read or change another user's post through the API", async ({ browser }) => {
  const alice = await browser.newPage();
  await signIn(alice, uniqueUsername('own'));
  const accountId = await firstAccountId(alice.request);
  const text = uniqueText('Private plans');
  const created = await alice.request.post('/api/v1/posts', {
    data: { accountId, parts: [{ text }], scheduledAt: new Date(Date.now() + 3600_000).toISOString() },
  });
  expect(created.status()).toBe(201);
  const { post } = (await created.json()) as { post: { id: string; status: string; accountId: string; scheduledAt: string; parts: unknown[]; url: null; error: null } };
  expect(post).toMatchObject({ status: 'scheduled', accountId, parts: [{ text }], url: null, error: null });

  const mallory = await browser.newPage();
  await signIn(mallory, uniqueUsername('other'));
  const path = `/api/v1/posts/${post.id}`;
  expect((await mallory.request.get(path)).status()).toBe(404);
  expect((await mallory.request.patch(path, { data: { parts: [{ text: 'hijacked' }] } })).status()).toBe(404);
  expect((await mallory.request.delete(path)).status()).toBe(404);
  expect((await mallory.request.post(`${path}/retry`)).status()).toBe(404);
  const list = (await (await mallory.request.get('/api/v1/posts')).json()) as { posts: { id: string }[] };
  expect(list.posts.map((p) => p.id)).not.toContain(post.id);
  // Nor post as Alice's account.
  const foreign = await mallory.request.post('/api/v1/posts', { data: { accountId, parts: [{ text: 'as alice' }] } });
  expect(foreign.status()).toBe(400);

  const mine = (await (await alice.request.get(path)).json()) as { post: { parts: { text: string }[]; revision: number } };
  expect(mine.post.parts[0]!.text).toBe(text);
  expect(mine.post.revision).toBe(1);
});

test('bad input gets 400 with field errors, and nothing is saved', async ({ page }) => {
  await signIn(page, uniqueUsername('bad'));
  const accountId = await firstAccountId(page.request);
  const res = await page.request.post('/api/v1/posts', { data: { accountId, parts: [{ text: 'x'.repeat(25_001) }], scheduledAt: 'tomorrow' } });
  expect(res.status()).toBe(400);
  const body = (await res.json()) as { error: string; fields: Record<string, string[]> };
  expect(Object.keys(body.fields).sort()).toEqual(['parts.0.text', 'scheduledAt']);
  const notJson = await page.request.post('/api/v1/posts', { data: 'nope', headers: { 'content-type': 'application/json' } });
  expect(notJson.status()).toBe(400);
  expect(((await (await page.request.get('/api/v1/posts')).json()) as { posts: unknown[] }).posts).toEqual([]);
  expect((await page.request.get('/api/v1/posts/not-a-uuid')).status()).toBe(404);
});

test('every route checks its query and ids: an unknown query field is a 400 naming it, a bad id a 404 naming the thing', async ({ page }) => {
  await signIn(page, uniqueUsername('edge'));
  const unknown = await page.request.get('/api/v1/posts?status=draft&colour=red');
  expect(unknown.status()).toBe(400);
  expect(await unknown.text()).toContain('colour');
  expect((await page.request.get('/api/v1/accounts?page=2')).status()).toBe(400);
  expect((await page.request.get('/api/v1/posts?status=draft')).status()).toBe(200);
  for (const [method, path, error] of [
    ['GET', '/api/v1/posts/not-a-uuid', 'Post not found'],
    ['PATCH', '/api/v1/posts/not-a-uuid', 'Post not found'],
    ['DELETE', '/api/v1/posts/not-a-uuid', 'Post not found'],
    ['POST', '/api/v1/posts/not-a-uuid/retry', 'Post not found'],
    ['POST', '/api/v1/accounts/not-a-uuid/disconnect', 'Account not found'],
    ['GET', '/api/v1/media/not-a-uuid', 'Media not found'],
  ] as const) {
    const res = await page.request.fetch(path, { method, ...(method === 'PATCH' ? { data: { status: 'cancelled' } } : {}) });
    expect(res.status(), `${method} ${path}`).toBe(404);
    expect(await res.json()).toEqual({ error });
  }
});

test('a personal API token works from outside the browser, within its scopes, until it is revoked', async ({ page, baseURL }) => {
  await signIn(page, uniqueUsername('bot'));
  const accountId = await firstAccountId(page.request);
  const made = await page.request.post('/api/v1/tokens', { data: { name: 'deploy script', scopes: ['posts:read', 'posts:write'] } });
  expect(made.status()).toBe(201);
  const { id, token } = (await made.json()) as { id: string; token: string };

  // A client with no cookie at all, as curl would be.
  const client = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
  const text = uniqueText('Sent by a script');
  const created = await client.post('/api/v1/posts', { data: { accountId, parts: [{ text }] } });
  expect(created.status()).toBe(201);
  const listed = (await (await client.get('/api/v1/posts')).json()) as { posts: { parts: { text: string }[] }[] };
  expect(listed.posts.map((p) => p.parts[0]!.text)).toEqual([text]);
  // Tokens are managed from the browser only.
  expect((await client.get('/api/v1/tokens')).status()).toBe(403);

  expect((await page.request.delete(`/api/v1/tokens/${id}`)).status()).toBe(200);
  const after = await client.get('/api/v1/posts');
  expect(after.status()).toBe(401);
  expect(await after.json()).toEqual({ error: 'Unknown or revoked API token' });
  await client.dispose();
});

test('the API describes itself at /api/v1/openapi.json, publicly', async ({ request }) => {
  const response = await request.get('/api/v1/openapi.json');
  expect(response.status()).toBe(200);
  expect(response.headers()['cache-control']).toMatch(/public/);
  const doc = (await response.json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
  expect(doc.openapi).toBe('3.1.0');
  expect(Object.keys(doc.paths['/posts']!)).toEqual(['get', 'post']);
});

test('a script may send a POST again with its Idempotency-Key and gets the first answer, not a second post', async ({ page, baseURL }) => {
  await signIn(page, uniqueUsername('idem'));
  const accountId = await firstAccountId(page.request);
  const { token } = (await (await page.request.post('/api/v1/tokens', { data: { name: 'retrying script', scopes: ['posts:read', 'posts:write'] } })).json()) as { token: string };
  const client = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
  const data = { accountId, parts: [{ text: uniqueText('Sent twice, posted once') }] };
  const headers = { 'idempotency-key': `e2e-${Date.now()}` };
  const first = await client.post('/api/v1/posts', { data, headers });
  expect(first.status()).toBe(201);
  expect(first.headers()['ratelimit-limit']).toBeTruthy();
  const again = await client.post('/api/v1/posts', { data, headers });
  expect(again.status()).toBe(201);
  expect(again.headers()['idempotent-replayed']).toBe('true');
  expect(await again.json()).toEqual(await first.json());
  expect((await client.post('/api/v1/posts', { data: { ...data, parts: [{ text: 'other' }] }, headers })).status()).toBe(422);
  const listed = (await (await client.get('/api/v1/posts')).json()) as { posts: unknown[] };
  expect(listed.posts).toHaveLength(1);
  await client.dispose();
});
