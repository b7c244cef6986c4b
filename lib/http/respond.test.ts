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
