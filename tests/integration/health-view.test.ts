import { afterEach, describe, expect, it, vi } from 'vitest';
import { healthView, type HealthReport } from '@/lib/health';

/** A report as bad as it gets, with everything a stranger must not see in its error texts. */
const broken: HealthReport = {
  status: 'unavailable',
  ok: false,
  checkedAt: '2030-01-01T00:00:00.000Z',
  checks: {
    postgres: { ok: false, error: 'connect ECONNREFUSED 10.0.3.7:5432 (select count(*) from "posts" where "status" in ($1, $2))' },
    redis: { ok: false, error: 'getaddrinfo ENOTFOUND redis.internal.example' },
    workers: { ok: false, error: 'not known: Redis did not answer' },
    backlog: { ok: false, due: 12, oldestDueLagSeconds: 600, error: '12 due post(s) not published, oldest 600s late' },
  },
};

const SECRETS = ['ECONNREFUSED', '10.0.3.7', 'select', '$1', 'redis.internal', 'error', 'due', '600'];

describe('what /api/health shows', () => {
  it('gives anyone status words only', () => {
    const view = healthView(broken, 'public');
    expect(view).toEqual({ status: 'unavailable', checks: { postgres: 'down', redis: 'down', workers: 'down', backlog: 'down' } });
    const text = JSON.stringify(view);
    for (const secret of SECRETS) expect(text).not.toContain(secret);
  });

  it('gives an admin the details: counts, lag and error text', () => {
    const view = healthView(broken, 'admin');
    expect(view).toMatchObject({ status: 'unavailable', checks: { postgres: 'down' }, checkedAt: broken.checkedAt, details: broken.checks });
  });
});

describe('GET /api/health', () => {
  afterEach(async () => {
    const { closeHealth } = await import('@/lib/health');
    await closeHealth();
    vi.doUnmock('@/lib/auth/session');
    vi.doUnmock('@/lib/auth/admins');
    vi.resetModules();
  });

  /** The route afresh, with Postgres unreachable: the failure's text names a host and a port. */
  async function routeWithPostgresDown() {
    vi.resetModules();
    process.env.DATABASE_URL = 'postgres://postgres@127.0.0.1:1/herald';
    return import('@/app/api/health/route');
  }

  // Auth.js itself does not load under vitest (it needs Next's runtime): the session is mocked.
  function signedIn(user: { id: string } | null, admin: boolean) {
    vi.doMock('@/lib/auth/session', () => ({ currentUser: async () => (user ? { ...user, name: null, image: null } : null) }));
    vi.doMock('@/lib/auth/admins', () => ({ isAdmin: async () => admin }));
  }

  it('answers a stranger 503 with status words, never the error text', async () => {
    const saved = process.env.DATABASE_URL;
    signedIn(null, false);
    try {
      const { GET } = await routeWithPostgresDown();
      const response = await GET();
      expect(response.status).toBe(503);
      const text = await response.text();
      expect(JSON.parse(text)).toMatchObject({ status: 'unavailable', checks: { postgres: 'down', redis: 'ok' } });
      for (const secret of ['ECONNREFUSED', '127.0.0.1', 'error', 'details']) expect(text).not.toContain(secret);
    } finally {
      process.env.DATABASE_URL = saved;
    }
  });

  it('answers a signed-in admin with the details', async () => {
    const saved = process.env.DATABASE_URL;
    signedIn({ id: 'admin-1' }, true);
    try {
      const { GET } = await routeWithPostgresDown();
      const response = await GET();
      expect(response.status).toBe(503);
      const body = (await response.json()) as { details?: { postgres?: { error?: string } } };
      expect(body.details?.postgres?.error).toBe('connect ECONNREFUSED 127.0.0.1:1');
    } finally {
      process.env.DATABASE_URL = saved;
    }
  });

  it('gives the words only when the session cannot be read', async () => {
    vi.doMock('@/lib/auth/session', () => ({ currentUser: async () => Promise.reject(new Error('session store down')) }));
    vi.doMock('@/lib/auth/admins', () => ({ isAdmin: async () => true }));
    const { GET } = await import('@/app/api/health/route');
    const body = (await (await GET()).json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['checks', 'status']);
  });

  it('gives a signed-in user who is not an admin the words only', async () => {
    const saved = process.env.DATABASE_URL;
    signedIn({ id: 'user-1' }, false);
    try {
      const { GET } = await routeWithPostgresDown();
      const body = (await (await GET()).json()) as Record<string, unknown>;
      expect(Object.keys(body).sort()).toEqual(['checks', 'status']);
    } finally {
      process.env.DATABASE_URL = saved;
    }
  });
});
