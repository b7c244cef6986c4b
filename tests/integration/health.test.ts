import { describe, expect, it, vi } from 'vitest';

/** Each case loads Herald's modules afresh, so the configuration is read from that case's environment. */
async function healthWith(env: Record<string, string>) {
  vi.resetModules();
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    const { health } = await import('@/lib/health');
    const { closeQueue } = await import('@/lib/queue');
    const { closeDb } = await import('@/lib/db');
    const report = await health();
    await closeQueue();
    await closeDb();
    return report;
  } finally {
    process.env = saved;
  }
}

describe('health', () => {
  it('is ok when Postgres and Redis answer', async () => {
    const report = await healthWith({});
    expect(report).toEqual({ ok: true, checks: { postgres: { ok: true }, redis: { ok: true } } });
  });

  it('names Redis when it does not answer', async () => {
    const report = await healthWith({ REDIS_URL: 'redis://127.0.0.1:1' });
    expect(report.ok).toBe(false);
    expect(report.checks.postgres.ok).toBe(true);
    expect(report.checks.redis).toMatchObject({ ok: false, error: expect.any(String) });
  });

  it('names Postgres when it does not answer', async () => {
    const report = await healthWith({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/herald' });
    expect(report.ok).toBe(false);
    expect(report.checks.redis.ok).toBe(true);
    expect(report.checks.postgres.ok).toBe(false);
  });
});
