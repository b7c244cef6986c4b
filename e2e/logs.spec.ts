import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, request as playwrightRequest, test, type APIRequestContext } from '@playwright/test';
import { firstAccountId, sandboxUrl, signIn, uniqueUsername } from './support';

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

function logDir(): string {
  const dir = process.env.E2E_LOG_DIR;
  if (!dir) throw new Error('E2E_LOG_DIR is not set: run through playwright test (global setup)');
  return dir;
}

/** Every line web and worker wrote so far (global setup keeps them in E2E_LOG_DIR). */
const serverLines = (service: 'web' | 'worker') => readFileSync(path.join(logDir(), `${service}.log`), 'utf8').split('\n').filter(Boolean);

async function sandbox(method: string, route: string, body: unknown): Promise<void> {
  const res = await fetch(`${sandboxUrl()}/__sandbox${route}`, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.ok, await res.text()).toBe(true);
}

interface PostAnswer {
  post: { id: string; status: string; error: string | null };
}

async function publishNow(api: APIRequestContext, accountId: string, text: string): Promise<PostAnswer['post']> {
  const res = await api.post('/api/v1/posts', { data: { accountId, parts: [{ text }], publishNow: true } });
  expect(res.status(), await res.text()).toBe(201);
  const { post } = (await res.json()) as PostAnswer;
  let last = post;
  await expect
    .poll(
      async () => {
        last = ((await (await api.get(`/api/v1/posts/${post.id}`)).json()) as PostAnswer).post;
        return last.status;
      },
      { timeout: 40_000 },
    )
    .toMatch(/^(published|failed)$/);
  return last;
}

test('no secret and no post text reaches a log line of web or worker, nor the client bundle', async ({ page, baseURL }) => {
  // Sentinels: post text, an X error's detail, X access and refresh tokens, a Herald API token, the metrics token.
  const sentinel = `SNTL${randomBytes(8).toString('hex')}`;
  const xAccess = `XACC${randomBytes(12).toString('hex')}`;
  const xRefresh = `XREF${randomBytes(12).toString('hex')}`;
  const username = uniqueUsername('logs');

  await signIn(page, username);
  const accountId = await firstAccountId(page.request);

  // A Herald API token, used from outside the browser, and a wrong one that looks like it.
  const made = await page.request.post('/api/v1/tokens', { data: { name: `script ${sentinel}`, scopes: ['posts:read', 'posts:write'] } });
  expect(made.status(), await made.text()).toBe(201);
  const { token } = (await made.json()) as { token: string };
  const api = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
  const wrong = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer hrd_${sentinel}` } });
  expect((await wrong.get('/api/v1/posts')).status()).toBe(401);

  // Published, through the API token; its history says X created it.
  const published = await publishNow(api, accountId, `published ${sentinel}`);
  expect(published.status).toBe('published');
  const history = await api.get(`/api/v1/posts/${published.id}/attempts`);
  expect(history.headers()['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  expect(((await history.json()) as { attempts: unknown[] }).attempts).toEqual([expect.objectContaining({ outcome: 'published', xStatus: 201 })]);

  // Refused by X with a detail that echoes the text (the error lands on the post, not in the logs).
  await sandbox('POST', '/faults', { path: '/2/tweets', method: 'POST', status: 403, body: { title: 'Forbidden', detail: `Not allowed: ${sentinel}`, status: 403 }, times: 1 });
  const refused = await publishNow(api, accountId, `refused ${sentinel}`);
  expect(refused).toMatchObject({ status: 'failed', error: expect.stringContaining(sentinel) });

  // X takes the access token back; the refresh X answers hands Herald sentinel tokens, which X then refuses.
  await sandbox('POST', '/tokens/revoke', { username });
  await sandbox('POST', '/faults', {
    path: '/2/oauth2/token',
    method: 'POST',
    status: 200,
    body: { token_type: 'bearer', access_token: xAccess, refresh_token: xRefresh, expires_in: 7200, scope: 'tweet.read tweet.write users.read offline.access media.write' },
    times: 1,
  });
  const unauthorized = await publishNow(api, accountId, `token ${sentinel}`);
  expect(unauthorized.status).toBe('failed');

  // The owner sees the history in the post dialog.
  await page.goto('/calendar');
  await page.locator('.rbc-event', { hasText: `refused ${sentinel}` }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.getByText('Publish attempts').click();
  const row = dialog.getByRole('table', { name: 'Publish attempts, newest first' }).getByRole('row').nth(1);
  await expect(row).toContainText('Failed');
  await expect(row).toContainText('403');

  // Metrics, with the right token and a wrong one.
  const metricsToken = process.env.E2E_METRICS_TOKEN!;
  const scraped = await fetch(`${baseURL}/api/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } });
  expect(scraped.status).toBe(200);
  expect(await scraped.text()).toContain('herald_publishes_total');
  expect((await fetch(`${baseURL}/api/metrics`, { headers: { authorization: `Bearer ${sentinel}` } })).status).toBe(401);
  // The worker serves its own, on WORKER_METRICS_PORT: it is the one that published.
  const workerMetrics = process.env.E2E_WORKER_METRICS_URL!;
  expect((await fetch(workerMetrics)).status).toBe(401);
  const fromWorker = await (await fetch(workerMetrics, { headers: { authorization: `Bearer ${metricsToken}` } })).text();
  expect(fromWorker).toMatch(/^herald_publishes_total\{outcome="published"\} [1-9]/m);
  expect(fromWorker).toMatch(/^herald_publish_lateness_seconds_count [1-9]/m);
  expect(fromWorker).toMatch(/^herald_x_errors_total\{class="unauthorized"\} [1-9]/m);
  expect(fromWorker).toMatch(/^herald_token_refreshes_total\{outcome="ok"\} [1-9]/m);

  // A request that logs: its lines carry the id its answer names.
  const disconnect = await page.request.post(`/api/v1/accounts/${accountId}/disconnect`);
  expect(disconnect.status(), await disconnect.text()).toBe(200);
  const requestId = disconnect.headers()['x-request-id'];
  expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
  await api.dispose();
  await wrong.dispose();

  const secrets = [sentinel, xAccess, xRefresh, token, token.slice(4), metricsToken];
  await expect.poll(() => serverLines('web').some((l) => l.includes(requestId!))).toBe(true);
  const web = serverLines('web');
  const worker = serverLines('worker');
  // The logs are JSON from both processes, with ids: the search below searched something.
  const parse = (lines: string[]) =>
    lines.flatMap((line) => {
      try {
        return [JSON.parse(line) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
  const webLog = parse(web);
  const workerLog = parse(worker);
  // Other specs disconnect accounts too (through the page's server action): this request's line is the one for this account.
  expect(webLog.find((l) => l.event === 'account_disconnected' && l.accountId === accountId)).toMatchObject({ requestId });
  expect(workerLog.find((l) => l.event === 'published' && l.postId === published.id)).toMatchObject({ jobId: expect.any(String) });
  expect(workerLog.find((l) => l.event === 'publish_failed' && l.postId === refused.id)).toMatchObject({ jobId: expect.any(String) });

  for (const line of [...web, ...worker]) for (const secret of secrets) expect(line, `a log line holds a secret`).not.toContain(secret);

  const bundle = filesUnder('.next/static');
  expect(bundle.length).toBeGreaterThan(0);
  for (const file of bundle) {
    const content = readFileSync(file, 'latin1');
    for (const secret of secrets) expect(content.includes(secret), `${file} holds a secret`).toBe(false);
  }
});
