import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { apiTokens, posts } from '@/lib/db/schema';
import { MAX_TOKENS_PER_USER } from '@/lib/tokens/commands';
import { createUserWithAccount } from '../support/fixtures';
import { session } from '../support/signed-in';
import { callRoute } from '../support/call-route';

const call = callRoute;

const tokensRoute = () => import('@/app/api/v1/tokens/route');
const tokenRoute = () => import('@/app/api/v1/tokens/[id]/route');
const postsRoute = () => import('@/app/api/v1/posts/route');
const postRoute = () => import('@/app/api/v1/posts/[id]/route');

/** A token made through the API by the signed-in user. */
async function makeToken(userId: string, scopes: string[], name = 'script'): Promise<{ id: string; token: string }> {
  session.userId = userId;
  const { POST } = await tokensRoute();
  const answer = await call(POST, 'POST', '/api/v1/tokens', { body: { name, scopes } });
  expect(answer.status).toBe(201);
  session.userId = null;
  return { id: answer.body.id as string, token: answer.body.token as string };
}

describe('personal API tokens', () => {
  it('are shown once and stored hashed; the list shows name, scopes, prefix and last use, never the token', async () => {
    const { user } = await createUserWithAccount();
    const { id, token } = await makeToken(user.id, ['posts:read']);
    expect(token).toMatch(/^hrd_[A-Za-z0-9_-]{43}$/);
    const [row] = await db().select().from(apiTokens).where(eq(apiTokens.id, id));
    expect(row!.tokenHash).not.toContain(token.slice(4));
    expect(row!.tokenHash).toMatch(/^[0-9a-f]{64}$/);

    session.userId = user.id;
    const { GET } = await tokensRoute();
    const listed = await call(GET, 'GET', '/api/v1/tokens');
    expect(listed.status).toBe(200);
    expect(JSON.stringify(listed.body)).not.toContain(token.slice(4));
    expect(listed.body.tokens).toEqual([expect.objectContaining({ id, name: 'script', scopes: ['posts:read'], prefix: token.slice(0, 10), lastUsedAt: null, revokedAt: null })]);

    // Using it marks it used.
    session.userId = null;
    expect((await call((await postsRoute()).GET, 'GET', '/api/v1/posts', { token })).status).toBe(200);
    const [used] = await db().select().from(apiTokens).where(eq(apiTokens.id, id));
    expect(used!.lastUsedAt).not.toBeNull();
  });

  it('act for their owner within their scopes: read but not write with posts:read, and only their own posts', async () => {
    const owner = await createUserWithAccount();
    const other = await createUserWithAccount();
    const reader = await makeToken(owner.user.id, ['posts:read']);
    const writer = await makeToken(owner.user.id, ['posts:read', 'posts:write']);
    const { GET, POST } = await postsRoute();
    const body = { accountId: owner.account.id, parts: [{ text: 'From a script' }] };

    const refused = await call(POST, 'POST', '/api/v1/posts', { token: reader.token, body });
    expect(refused).toMatchObject({ status: 403, body: { error: 'This API token lacks the scope posts:write' } });
    expect(await db().select().from(posts).where(eq(posts.userId, owner.user.id))).toHaveLength(0);

    const made = await call(POST, 'POST', '/api/v1/posts', { token: writer.token, body });
    expect(made.status).toBe(201);
    const postId = (made.body.post as { id: string }).id;
    const listed = await call(GET, 'GET', '/api/v1/posts', { token: reader.token });
    expect((listed.body.posts as { id: string }[]).map((p) => p.id)).toEqual([postId]);

    // Another user's token, or their session, reaches nothing of it.
    const stranger = await makeToken(other.user.id, ['posts:read', 'posts:write']);
    const post = await postRoute();
    expect((await call(post.GET, 'GET', `/api/v1/posts/${postId}`, { token: stranger.token, params: { id: postId } })).status).toBe(404);
    expect((await call(post.DELETE, 'DELETE', `/api/v1/posts/${postId}`, { token: stranger.token, params: { id: postId } })).status).toBe(404);
    expect((await call(post.GET, 'GET', `/api/v1/posts/${postId}`, { token: reader.token, params: { id: postId } })).status).toBe(200);
  });

  it('never manage tokens, nor reach what needs the browser session', async () => {
    const { user, account } = await createUserWithAccount();
    const all = await makeToken(user.id, ['posts:read', 'posts:write']);
    const { GET, POST } = await tokensRoute();
    expect(await call(GET, 'GET', '/api/v1/tokens', { token: all.token })).toMatchObject({ status: 403, body: { error: 'Only a signed-in browser session may do this, not an API token' } });
    expect((await call(POST, 'POST', '/api/v1/tokens', { token: all.token, body: { name: 'more', scopes: ['posts:read'] } })).status).toBe(403);
    const { POST: disconnect } = await import('@/app/api/v1/accounts/[id]/disconnect/route');
    expect((await call(disconnect, 'POST', `/api/v1/accounts/${account.id}/disconnect`, { token: all.token, params: { id: account.id } })).status).toBe(403);
  });

  it('stop at once when revoked; an unknown or malformed credential is a 401 that says why', async () => {
    const { user } = await createUserWithAccount();
    const { id, token } = await makeToken(user.id, ['posts:read']);
    const { GET } = await postsRoute();
    expect((await call(GET, 'GET', '/api/v1/posts', { token })).status).toBe(200);

    session.userId = user.id;
    const { DELETE } = await tokenRoute();
    const revoked = await call(DELETE, 'DELETE', `/api/v1/tokens/${id}`, { params: { id } });
    expect(revoked.status).toBe(200);
    expect((revoked.body.token as { revokedAt: string | null }).revokedAt).not.toBeNull();
    session.userId = null;

    expect(await call(GET, 'GET', '/api/v1/posts', { token })).toMatchObject({ status: 401, body: { error: 'Unknown or revoked API token' } });
    expect(await call(GET, 'GET', '/api/v1/posts', { token: `hrd_${'A'.repeat(43)}` })).toMatchObject({ status: 401, body: { error: 'Unknown or revoked API token' } });
    expect(await call(GET, 'GET', '/api/v1/posts', { token: 'Basic dXNlcjpwYXNz' })).toMatchObject({ status: 401, body: { error: 'The Authorization header takes "Bearer <API token>"' } });
    // A header decides even beside a session: a revoked token is not rescued by a cookie.
    session.userId = user.id;
    expect((await call(GET, 'GET', '/api/v1/posts', { token })).status).toBe(401);
  });

  it('only their owner sees or revokes them', async () => {
    const owner = await createUserWithAccount();
    const other = await createUserWithAccount();
    const { id } = await makeToken(owner.user.id, ['posts:read']);
    session.userId = other.user.id;
    const { GET, DELETE } = await tokenRoute();
    expect((await call(GET, 'GET', `/api/v1/tokens/${id}`, { params: { id } })).status).toBe(404);
    expect((await call(DELETE, 'DELETE', `/api/v1/tokens/${id}`, { params: { id } })).status).toBe(404);
    const [row] = await db().select().from(apiTokens).where(eq(apiTokens.id, id));
    expect(row!.revokedAt).toBeNull();
  });

  it('refuse a bad request with a field message, and hold each user to a limit', async () => {
    const { user } = await createUserWithAccount();
    session.userId = user.id;
    const { POST } = await tokensRoute();
    const bad = async (body: unknown) => (await call(POST, 'POST', '/api/v1/tokens', { body })).body.fields;
    expect(await bad({ name: '  ', scopes: ['posts:read'] })).toEqual({ name: ['Give the token a name, to recognise it by later'] });
    expect(await bad({ name: 'x', scopes: [] })).toEqual({ scopes: ['Pick at least one scope'] });
    expect(Object.keys((await bad({ name: 'x', scopes: ['admin'] })) ?? {})).toEqual(['scopes.0']);
    expect(await bad({ name: 'x', scopes: ['posts:read', 'posts:read'] })).toEqual({ scopes: ['Each scope once'] });
    expect(JSON.stringify(await bad({ name: 'x', scopes: ['posts:read'], expires: 'never' }))).toContain('expires');
    expect(await db().select().from(apiTokens).where(eq(apiTokens.userId, user.id))).toHaveLength(0);

    for (let i = 0; i < MAX_TOKENS_PER_USER; i++) expect((await call(POST, 'POST', '/api/v1/tokens', { body: { name: `t${i}`, scopes: ['posts:read'] } })).status).toBe(201);
    const over = await call(POST, 'POST', '/api/v1/tokens', { body: { name: 'one more', scopes: ['posts:read'] } });
    expect(over.status).toBe(409);
    expect(over.body.error).toMatch(/revoke one you no longer use/);
  });
});
