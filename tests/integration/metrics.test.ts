import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../x-sandbox/server';
import '../support/signed-in';
import { config } from '@/lib/config';
import { db } from '@/lib/db';
import { xAccounts } from '@/lib/db/schema';
import { createPost } from '@/lib/posts/commands';
import { createPostInput } from '@/lib/posts/input';
import { publishPost } from '@/lib/publishing/publish';
import { startMetricsServer } from '@/worker/metrics-server';
import { connectSandboxUser, control, startTestSandbox } from '../support/sandbox';

const TOKEN = 'metrics-token-for-tests-0123456789';
let sandbox: Sandbox;
let worker: Server;
let workerUrl: string;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  worker = await startMetricsServer(0, '127.0.0.1');
  workerUrl = `http://127.0.0.1:${(worker.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => worker.close(resolve));
  await sandbox.close();
});

/** The setting as a deployment would have it; read at each scrape, so a test may change it. */
function setToken(token: string | undefined): void {
  config().metricsToken = token;
}

async function fromWeb(authorization?: string): Promise<Response> {
  const { GET } = await import('@/app/api/metrics/route');
  return GET(new Request('http://localhost/api/metrics', { headers: authorization ? { authorization } : {} }));
}

const fromWorker = (authorization?: string, path = '/api/metrics') => fetch(`${workerUrl}${path}`, { headers: authorization ? { authorization } : {} });

describe('/api/metrics', () => {
  it('does not exist while METRICS_TOKEN is unset: 404 from web and worker, whatever the bearer', async () => {
    setToken(undefined);
    expect((await fromWeb()).status).toBe(404);
    expect((await fromWeb(`Bearer ${TOKEN}`)).status).toBe(404);
    expect((await fromWorker(`Bearer ${TOKEN}`)).status).toBe(404);
  });

  it('answers 401 (with WWW-Authenticate) to a missing or wrong bearer', async () => {
    setToken(TOKEN);
    for (const authorization of [undefined, `Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(1)}`, TOKEN, `Basic ${TOKEN}`]) {
      const web = await fromWeb(authorization);
      expect(web.status).toBe(401);
      expect(web.headers.get('www-authenticate')).toBe('Bearer');
      expect(await web.text()).not.toContain('herald_');
      expect((await fromWorker(authorization)).status).toBe(401);
    }
    expect((await fromWorker(`Bearer ${TOKEN}`, '/metrics')).status).toBe(404);
  });

  it("serves Prometheus's text format with Herald's metrics after publishes, a failure and a token refresh", async () => {
    setToken(TOKEN);
    const { user, account } = await connectSandboxUser(sandbox);
    // Due for a refresh, and X fails the first create once.
    await db().update(xAccounts).set({ tokenExpiresAt: new Date(Date.now() + 60_000) }).where(eq(xAccounts.id, account.id));
    await control(sandbox, 'POST', '/faults', { path: '/2/tweets', method: 'POST', status: 503, times: 1 });
    const post = await createPost(user.id, createPostInput.parse({ accountId: account.id, parts: [{ text: 'counted' }], publishNow: true }));
    expect((await publishPost(post.id, post.revision)).outcome).toBe('retry');
    expect((await publishPost(post.id, post.revision)).outcome).toBe('published');

    for (const response of [await fromWeb(`Bearer ${TOKEN}`), await fromWorker(`Bearer ${TOKEN}`)]) {
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      const text = await response.text();
      expect(text).toMatch(/^herald_publish_lateness_seconds_count [1-9]/m);
      expect(text).toMatch(/^herald_publishes_total\{outcome="published"\} [1-9]/m);
      expect(text).toMatch(/^herald_publishes_total\{outcome="retry"\} [1-9]/m);
      expect(text).toMatch(/^herald_x_errors_total\{class="transient"\} [1-9]/m);
      expect(text).toMatch(/^herald_token_refreshes_total\{outcome="ok"\} [1-9]/m);
      // Read from Redis at the scrape: every state is there, zero or not.
      expect(text).toMatch(/^herald_queue_jobs\{state="delayed"\} \d+/m);
      expect(text).toMatch(/^herald_queue_jobs\{state="active"\} \d+/m);
      expect(text).toContain('# TYPE herald_webhook_deliveries_total counter');
      expect(text).not.toContain('counted');
    }
  });
});
