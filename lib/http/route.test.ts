import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { AppError } from '../errors';
import { byId, created, noContent, ok, route, type RouteHandler } from './route';

// Auth.js reads the session cookie through Next's request context, which a test does not have:
// the signed-in user is stood in for here, everything after it (the wrapper, the rules) is real.
const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock('../auth/session', () => ({
  currentUser: async () => (session.userId ? { id: session.userId, name: null, image: null } : null),
}));

const base = 'http://localhost:3000/api/v1/things';
const noParams = { params: Promise.resolve({}) };
const withId = (id: string) => ({ params: Promise.resolve({ id }) });

function jsonRequest(body: string, headers: Record<string, string> = { 'content-type': 'application/json' }, url = base): Request {
  return new Request(url, { method: 'POST', body, headers });
}

async function answer(handler: RouteHandler, request: Request, context: { params: Promise<unknown> } = noParams) {
  const response = await handler(request, context);
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null, text };
}

const things = z.strictObject({ name: z.string().min(1, 'Name is empty'), size: z.number().int().optional() });

beforeEach(() => {
  session.userId = randomUUID();
});

describe('the /api/v1 route wrapper', () => {
  it('answers 401 without a session, before looking at params or body', async () => {
    session.userId = null;
    const handle = vi.fn(async () => ok({}));
    const handler = route({ auth: 'posts:write', params: byId('Thing'), body: things, handle });
    const request = jsonRequest('not even json');
    expect(await answer(handler, request, withId('not-a-uuid'))).toMatchObject({ status: 401, body: { error: 'Sign in first' } });
    expect(request.bodyUsed).toBe(false);
    expect(handle).not.toHaveBeenCalled();
  });

  it('hands the handler the actor and the parsed params, query and body', async () => {
    const id = randomUUID();
    const handler = route({
      auth: 'posts:write',
      params: byId('Thing'),
      query: z.strictObject({ limit: z.coerce.number().int().max(10) }),
      body: things,
      handle: async (input) => ok({ actor: input.actor, params: input.params, query: input.query, body: input.body }),
    });
    const result = await answer(handler, jsonRequest('{"name":"a","size":2}', undefined, `${base}/${id}?limit=3`), withId(id));
    expect(result).toEqual({
      status: 200,
      body: { actor: { userId: session.userId, via: 'session' }, params: { id }, query: { limit: 3 }, body: { name: 'a', size: 2 } },
      text: expect.any(String),
    });
  });

  it('takes an id that is not a uuid for a missing thing: 404 with its name, not 400', async () => {
    const handler = route({ auth: 'posts:read', params: byId('Post'), handle: async () => ok({}) });
    for (const id of ['not-a-uuid', '', `${randomUUID()}x`]) {
      expect(await answer(handler, new Request(base), withId(id))).toMatchObject({ status: 404, body: { error: 'Post not found' } });
    }
  });

  it('refuses a query field the route does not name with 400 naming it, and one given twice', async () => {
    const listing = route({ auth: 'posts:read', query: z.strictObject({ status: z.string().optional() }), handle: async () => ok({}) });
    const unknown = await answer(listing, new Request(`${base}?status=draft&colour=red`));
    expect(unknown.status).toBe(400);
    expect(unknown.text).toContain('colour');
    expect(await answer(listing, new Request(`${base}?status=draft&status=failed`))).toMatchObject({
      status: 400,
      body: { error: 'Invalid input', fields: { status: ['Give this query field once'] } },
    });
    // A route that declares no query takes none.
    const bare = route({ auth: 'posts:read', handle: async () => ok({}) });
    const stray = await answer(bare, new Request(`${base}?debug=1`));
    expect(stray.status).toBe(400);
    expect(stray.text).toContain('debug');
    expect((await answer(bare, new Request(base))).status).toBe(200);
    // A field named like Object.prototype's is just an unknown field.
    expect((await answer(bare, new Request(`${base}?__proto__=1`))).status).toBe(400);
  });

  it('answers bad bodies in the one error format: field errors, unknown fields, caps and content type', async () => {
    const handler = route({ auth: 'posts:write', body: things, handle: async () => ok({}) });
    expect(await answer(handler, jsonRequest('{"name":"","size":1.5}'))).toMatchObject({
      status: 400,
      body: { error: 'Invalid input', fields: { name: ['Name is empty'], size: [expect.any(String)] } },
    });
    const extra = await answer(handler, jsonRequest('{"name":"a","admin":true}'));
    expect(extra.status).toBe(400);
    expect(extra.text).toContain('admin');
    expect((await answer(handler, jsonRequest('{"name":"a"}', { 'content-type': 'text/plain' }))).status).toBe(415);
    const huge = JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) });
    expect(await answer(handler, jsonRequest(huge))).toMatchObject({ status: 413, body: { error: expect.stringMatching(/over 1 MB/) } });
    expect((await answer(handler, jsonRequest('{"name":'))).status).toBe(400);
  });

  it('maps what a handler throws: AppError keeps its status, ZodError is a 400 with fields, anything else a 500 that tells nothing', async () => {
    const throwing = (error: unknown) => route({ auth: 'posts:read', handle: async () => Promise.reject(error) });
    expect(await answer(throwing(new AppError(409, 'Already published')), new Request(base))).toMatchObject({
      status: 409,
      body: { error: 'Already published' },
    });
    const zodError = things.safeParse({ name: 1 }).error;
    expect(await answer(throwing(zodError), new Request(base))).toMatchObject({ status: 400, body: { error: 'Invalid input', fields: { name: [expect.any(String)] } } });
    const failure = await answer(throwing(new Error('password=hunter2 for user alice')), new Request(base));
    expect(failure).toMatchObject({ status: 500, body: { error: 'Something went wrong on our side' } });
    expect(failure.text).not.toMatch(/hunter2|alice/);
  });

  it('writes replies: 200 and 201 as JSON, 204 empty, a Response as it is', async () => {
    const reply = (make: () => ReturnType<typeof ok> | Response) => route({ auth: 'posts:read', handle: async () => make() });
    expect(await answer(reply(() => ok({ posts: [] })), new Request(base))).toMatchObject({ status: 200, body: { posts: [] } });
    expect(await answer(reply(() => created({ post: { id: 1 } })), new Request(base))).toMatchObject({ status: 201, body: { post: { id: 1 } } });
    expect(await answer(reply(() => noContent()), new Request(base))).toEqual({ status: 204, body: null, text: '' });
    const file = await reply(() => new Response('bytes', { headers: { 'content-type': 'image/png' } }))(new Request(base), noParams);
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(await file.text()).toBe('bytes');
  });

  it('answers 403 when the actor falls short of the route: admin routes for someone who is not one', async () => {
    const handle = vi.fn(async () => ok({}));
    const adminOnly = route({ auth: 'admin', handle });
    expect(await answer(adminOnly, new Request(base))).toMatchObject({ status: 403, body: { error: 'Admins only' } });
    expect(handle).not.toHaveBeenCalled();
    // A session holds every scope and is a session.
    for (const auth of ['posts:read', 'posts:write', 'session'] as const) {
      expect((await answer(route({ auth, handle }), new Request(base))).status).toBe(200);
    }
  });
});
