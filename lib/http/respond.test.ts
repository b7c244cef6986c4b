import { describe, expect, it, vi } from 'vitest';

describe("a 500's log line", () => {
  it('names the failure by class and code, never with its message (a failed query carries its parameters)', async () => {
    const { DrizzleQueryError } = await import('drizzle-orm');
    const { logger } = await import('../log');
    const { respond } = await import('./respond');
    const cause = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: '22021' });
    const failure = new DrizzleQueryError('insert into "post_parts" ("text") values ($1)', ['my secret plans for tomorrow'], cause);
    const lines: unknown[] = [];
    const spy = vi.spyOn(logger(), 'error').mockImplementation(((entry: unknown) => void lines.push(entry)) as never);
    try {
      const response = await respond(() => Promise.reject(failure));
      expect(response.status).toBe(500);
      expect(await response.json()).toEqual({ error: 'Something went wrong on our side' });
    } finally {
      spy.mockRestore();
    }
    expect(lines).toEqual([{ event: 'request_error', errName: 'DrizzleQueryError', errCode: '22021' }]);
    expect(JSON.stringify(lines)).not.toMatch(/secret plans|insert into/);
  });
});

describe('the request id', () => {
  it('is new for each request and named in the answer, error or not', async () => {
    const { AppError } = await import('../errors');
    const { respond } = await import('./respond');
    const fine = await respond(async () => new Response('ok'));
    const refused = await respond(() => Promise.reject(new AppError(404, 'Post not found')));
    const ids = [fine, refused].map((r) => r.headers.get('x-request-id'));
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(ids[0]).not.toBe(ids[1]);
    // A response whose headers cannot change (a fetched one) is copied, not lost.
    const frozen = await respond(async () => Response.redirect('http://localhost/elsewhere', 302));
    expect(frozen.status).toBe(302);
    expect(frozen.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('is on every line logged while the request is handled, and only then', async () => {
    const { logger, withLogContext } = await import('../log');
    const { respond } = await import('./respond');
    const seen: unknown[] = [];
    // pino's mixin is what puts the context on each line: read it where pino does.
    const { symbols } = (await import('pino')).default;
    const mixin = () => (logger() as unknown as Record<symbol, () => object>)[symbols.mixinSym]!();
    const response = await respond(async () => {
      seen.push(mixin());
      await new Promise((r) => setTimeout(r, 1));
      seen.push(withLogContext({ postId: 'p1' }, mixin));
      return new Response('ok');
    });
    const requestId = response.headers.get('x-request-id');
    expect(seen).toEqual([{ requestId }, { requestId, postId: 'p1' }]);
    expect(mixin()).toEqual({});
  });
});
