import { expect, test, type APIResponse, type BrowserContext, type Page } from '@playwright/test';
import http from 'node:http';
import { pageFiles, routeFiles, urlPathOf } from '../tests/security/app-files';
import { PAGE_RULES } from '../tests/security/page-rules';
import { firstAccountId, signIn, uniqueText, uniqueUsername } from './support';

const MIB = 1024 * 1024;
const EVIL = 'https://evil.example';

const baseUrl = () => new URL(process.env.E2E_BASE_URL ?? 'http://localhost:3000');

interface RawAnswer {
  status: number;
  body: string;
  /** From the first byte written to the answer's headers. */
  ms: number;
}

/**
 * A request straight from this process (no Playwright driver in between), to 127.0.0.1 where the
 * server listens, with the body already in memory: the time measured is the wire and the server.
 * `chunks` without `contentLength` go out chunked, with no Content-Length at all.
 */
function raw(method: string, path: string, options: { cookie?: string; headers?: Record<string, string>; body?: Buffer; chunks?: Buffer[] } = {}): Promise<RawAnswer> {
  const base = baseUrl();
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { host: base.host, ...(options.cookie ? { cookie: options.cookie } : {}), ...options.headers };
    if (options.body) headers['content-length'] = String(options.body.length);
    const request = http.request({ host: '127.0.0.1', port: base.port, path, method, headers, agent: false });
    let started = 0;
    request.on('response', (response) => {
      const ms = performance.now() - started;
      const parts: Buffer[] = [];
      response.on('data', (c: Buffer) => parts.push(c));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(parts).toString('utf8'), ms }));
    });
    request.on('error', reject);
    started = performance.now();
    if (options.chunks) {
      for (const chunk of options.chunks) request.write(chunk);
      request.end();
    } else {
      request.end(options.body);
    }
  });
}

async function cookieHeader(context: BrowserContext): Promise<string> {
  return (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
}

async function postCount(page: Page): Promise<number> {
  const res = await page.request.get('/api/v1/posts');
  expect(res.status()).toBe(200);
  return ((await res.json()) as { posts: unknown[] }).posts.length;
}

/** A post body whose text alone is over 1 MiB: what a hostile client sends to make the server chew. */
function hostileBody(accountId: string): Buffer {
  return Buffer.from(JSON.stringify({ accountId, parts: [{ text: 'a.'.repeat(0.6 * MIB) }] }));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

test.describe('body caps', () => {
  test('a JSON body over 1 MiB is refused with 413 in well under 100 ms, and other requests are answered through a burst of them', async ({ page }) => {
    await signIn(page, uniqueUsername('big'));
    const accountId = await firstAccountId(page.request);
    const cookie = await cookieHeader(page.context());
    const body = hostileBody(accountId);
    expect(body.length).toBeGreaterThan(MIB);
    const json = { 'content-type': 'application/json' };

    // One by one: each refused, fast, with the one error format.
    const times: number[] = [];
    for (let i = 0; i < 10; i++) {
      const answer = await raw('POST', '/api/v1/posts', { cookie, headers: json, body });
      expect(answer.status).toBe(413);
      expect(JSON.parse(answer.body)).toEqual({ error: expect.stringMatching(/over 1 MB/) });
      times.push(answer.ms);
    }
    test.info().annotations.push({ type: '413 times (ms)', description: times.map((t) => t.toFixed(1)).join(', ') });
    // Typical and near-worst of ten, on a machine that is also running the app, its worker and X:
    // one slow sample among them is the machine, not the server.
    const sorted = [...times].sort((a, b) => a - b);
    expect(median(times)).toBeLessThan(50);
    expect(sorted[8]!).toBeLessThan(100);

    // The same without Content-Length (chunked): stopped at the cap while being read.
    const third = Math.ceil(body.length / 3);
    const chunkedTimes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const chunked = await raw('POST', '/api/v1/posts', { cookie, headers: json, chunks: [0, 1, 2].map((k) => body.subarray(k * third, (k + 1) * third)) });
      expect(chunked.status).toBe(413);
      chunkedTimes.push(chunked.ms);
    }
    expect(median(chunkedTimes)).toBeLessThan(100);

    // A burst of 30 at once, while someone else keeps reading their accounts.
    let bursting = true;
    const reads: RawAnswer[] = [];
    const reader = (async () => {
      while (bursting) reads.push(await raw('GET', '/api/v1/accounts', { cookie }));
    })();
    const burst = await Promise.all(Array.from({ length: 30 }, () => raw('POST', '/api/v1/posts', { cookie, headers: json, body })));
    bursting = false;
    await reader;
    expect(burst.map((a) => a.status)).toEqual(Array.from({ length: 30 }, () => 413));
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.every((r) => r.status === 200)).toBe(true);
    test.info().annotations.push({
      type: 'burst',
      description: `30 refusals, slowest ${Math.max(...burst.map((a) => a.ms)).toFixed(0)} ms; ${reads.length} reads answered meanwhile, slowest ${Math.max(...reads.map((r) => r.ms)).toFixed(0)} ms`,
    });
    expect(Math.max(...reads.map((r) => r.ms))).toBeLessThan(1000);

    expect(await postCount(page)).toBe(0);
  });

  test('a body that is not application/json is refused with 415, and nothing is created', async ({ page }) => {
    await signIn(page, uniqueUsername('ctype'));
    const accountId = await firstAccountId(page.request);
    const data = JSON.stringify({ accountId, parts: [{ text: uniqueText('Plain text') }] });
    for (const type of ['text/plain', 'text/plain;charset=UTF-8', 'application/x-www-form-urlencoded']) {
      const res = await page.request.post('/api/v1/posts', { data, headers: { 'content-type': type } });
      expect(res.status()).toBe(415);
      expect(await res.json()).toEqual({ error: expect.stringContaining('Content-Type: application/json') });
    }
    expect(await postCount(page)).toBe(0);

    const created = await page.request.post('/api/v1/posts', { data, headers: { 'content-type': 'application/json; charset=utf-8' } });
    expect(created.status()).toBe(201);
    const { post } = (await created.json()) as { post: { id: string } };
    const patched = await page.request.patch(`/api/v1/posts/${post.id}`, { data: JSON.stringify({ parts: [{ text: 'changed' }] }), headers: { 'content-type': 'text/plain' } });
    expect(patched.status()).toBe(415);
  });
});

test.describe('cross-origin writes', () => {
  test('another Origin is refused with 403 on POST, PATCH and DELETE, and nothing changes; same-origin still works', async ({ page }) => {
    await signIn(page, uniqueUsername('csrf'));
    const accountId = await firstAccountId(page.request);
    const own = baseUrl().origin;
    const text = uniqueText('Mine');
    const expectRefused = async (res: APIResponse) => {
      expect(res.status()).toBe(403);
      expect(await res.json()).toEqual({ error: expect.stringMatching(/another (origin|site)/) });
    };

    await expectRefused(await page.request.post('/api/v1/posts', { data: { accountId, parts: [{ text: 'forged' }] }, headers: { origin: EVIL } }));
    await expectRefused(await page.request.post('/api/v1/posts', { data: { accountId, parts: [{ text: 'forged' }] }, headers: { 'sec-fetch-site': 'cross-site' } }));
    await expectRefused(await page.request.post('/api/v1/posts', { data: { accountId, parts: [{ text: 'forged' }] }, headers: { origin: 'null' } }));
    expect(await postCount(page)).toBe(0);

    // From Herald's own pages (Origin and Sec-Fetch-Site as a browser sends them): created.
    const created = await page.request.post('/api/v1/posts', {
      data: { accountId, parts: [{ text }], scheduledAt: new Date(Date.now() + 3600_000).toISOString() },
      headers: { origin: own, 'sec-fetch-site': 'same-origin' },
    });
    expect(created.status()).toBe(201);
    const { post } = (await created.json()) as { post: { id: string } };
    const path = `/api/v1/posts/${post.id}`;

    await expectRefused(await page.request.patch(path, { data: { parts: [{ text: 'forged' }] }, headers: { origin: EVIL } }));
    await expectRefused(await page.request.delete(path, { headers: { origin: EVIL } }));
    await expectRefused(await page.request.delete(path, { headers: { 'sec-fetch-site': 'same-site' } }));
    await expectRefused(await page.request.post(`${path}/retry`, { headers: { origin: EVIL } }));
    // The media upload (which otherwise bypasses the proxy to stream) and Auth.js's own routes too.
    const media = await page.request.post('/api/v1/media', { multipart: { file: { name: 'a.png', mimeType: 'image/png', buffer: Buffer.from('x') } }, headers: { origin: EVIL } });
    await expectRefused(media);
    // One policy, the proxy's: next.config.ts's fallback for this path is replaced, not added.
    expect(media.headersArray().filter((h) => h.name.toLowerCase() === 'content-security-policy')).toHaveLength(1);
    expect(media.headers()['content-security-policy']).toContain("'nonce-");
    await expectRefused(await page.request.post('/api/v1/media', { multipart: { file: { name: 'a.png', mimeType: 'image/png', buffer: Buffer.from('x') } }, headers: { 'sec-fetch-site': 'cross-site' } }));
    await expectRefused(await page.request.post('/api/auth/signout', { form: { csrfToken: 'x' }, headers: { origin: EVIL } }));

    const unchanged = (await (await page.request.get(path)).json()) as { post: { parts: { text: string }[]; status: string } };
    expect(unchanged.post.parts[0]!.text).toBe(text);
    expect(unchanged.post.status).toBe('scheduled');
    expect((await page.request.get('/api/v1/accounts')).status()).toBe(200); // still signed in

    // Same origin: edits and deletes go through; reads from anywhere too.
    expect((await page.request.patch(path, { data: { parts: [{ text: `${text} edited` }] }, headers: { origin: own } })).status()).toBe(200);
    expect((await page.request.get(path, { headers: { origin: EVIL, 'sec-fetch-site': 'cross-site' } })).status()).toBe(200);
    expect((await page.request.delete(path, { headers: { origin: own, 'sec-fetch-site': 'same-origin' } })).status()).toBe(204);
  });

  test("a real browser's form post from another site is refused with 403", async ({ page }) => {
    await signIn(page, uniqueUsername('form'));
    const accountId = await firstAccountId(page.request);
    // text/plain forms can smuggle a JSON body: name `{"a":"` + value `"}` is sent as `{"a":"="}`.
    const name = JSON.stringify({ accountId, parts: [{ text: 'from evil' }], pad: '' }).slice(0, -2);
    const html = `<form method="POST" enctype="text/plain" action="${baseUrl().origin}/api/v1/posts"><input name='${name}' value='"}'></form><script>document.forms[0].submit()</script>`;
    await page.route('http://evil.example/**', (route) => route.fulfill({ contentType: 'text/html', body: html }));
    const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/posts') && r.request().method() === 'POST');
    await page.goto('http://evil.example/attack');
    const res = await answer;
    expect(res.status()).toBe(403);
    expect(await postCount(page)).toBe(0);
  });

  test("page POSTs are server actions, which Next itself refuses from another origin (the proxy checks /api only)", async ({ request }) => {
    const html = await (await request.get('/signin')).text();
    // The sign-in form's action id, as the progressive-enhancement form carries it.
    const id = /name="\$ACTION_ID_([0-9a-f]+)"/.exec(html)?.[1];
    expect(id).toBeTruthy();
    const signInFrom = (origin: string) => request.post('/signin', { multipart: { [`$ACTION_ID_${id}`]: '' }, headers: { origin }, maxRedirects: 0 });
    const forged = await signInFrom(EVIL);
    expect(forged.status()).toBeGreaterThanOrEqual(400);
    expect(forged.headers()['location']).toBeUndefined();
    const own = await signInFrom(baseUrl().origin);
    expect(own.status()).toBe(303);
    expect(own.headers()['location']).toMatch(/\/i\/oauth2\/authorize\?/);
  });

  test('an upload from Herald itself streams past the proxy: a 12 MB file arrives whole', async ({ page }) => {
    await signIn(page, uniqueUsername('upload'));
    // A 12 MB "MP4": its first bytes say so, which is all Herald looks at on upload.
    const video = Buffer.alloc(12 * MIB);
    video.write('\x00\x00\x00\x18ftypisom', 0, 'latin1');
    const res = await page.request.post('/api/v1/media', {
      multipart: { file: { name: 'clip.mp4', mimeType: 'video/mp4', buffer: video } },
      headers: { origin: baseUrl().origin, 'sec-fetch-site': 'same-origin' },
    });
    expect(res.status()).toBe(201);
    expect(((await res.json()) as { media: { size: number } }).media.size).toBe(12 * MIB);
    expect(res.headers()['x-content-type-options']).toBe('nosniff');
    expect(res.headers()['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(res.headers()['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
  });
});

test.describe('security headers', () => {
  const nonceOf = (csp: string) => /script-src[^;]*'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];

  function expectSecurityHeaders(what: string, headers: Record<string, string>) {
    const csp = headers['content-security-policy'];
    expect(csp, `${what}: CSP`).toBeTruthy();
    expect(nonceOf(csp!), `${what}: nonce`).toBeTruthy();
    expect(csp, what).not.toContain('unsafe-eval');
    expect(csp, what).toContain("frame-ancestors 'none'");
    expect(csp, what).toContain("object-src 'none'");
    expect(csp, what).toContain("base-uri 'self'");
    expect(csp, what).toMatch(/form-action 'self' http:\/\/127\.0\.0\.1:\d+(;|$)/);
    expect(headers['x-content-type-options'], what).toBe('nosniff');
    expect(headers['referrer-policy'], what).toBe('strict-origin-when-cross-origin');
    // Served over http here: no HSTS (it is sent when AUTH_URL is https; unit-tested).
    expect(headers['strict-transport-security'], what).toBeUndefined();
  }

  test('pages, API answers, static files, redirects and refusals all carry them, each with a fresh nonce', async ({ request }) => {
    const signin = await request.get('/signin');
    expect(signin.status()).toBe(200);
    expectSecurityHeaders('page', signin.headers());
    const html = await signin.text();
    const nonce = nonceOf(signin.headers()['content-security-policy']!)!;
    // Next put this response's nonce on its scripts, and no script goes without it.
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);

    const again = await request.get('/signin');
    expect(nonceOf(again.headers()['content-security-policy']!)).not.toBe(nonce);

    const asset = /<script[^>]*\ssrc="(\/_next\/static\/[^"]+\.js)"/.exec(html)?.[1];
    expect(asset).toBeTruthy();
    const js = await request.get(asset!);
    expect(js.status()).toBe(200);
    expectSecurityHeaders('static asset', js.headers());
    expectSecurityHeaders('static route', (await request.get('/icon.svg')).headers());

    for (const [what, res] of [
      ['API 401', await request.get('/api/v1/accounts')],
      ['API health', await request.get('/api/health')],
      ['API 403', await request.post('/api/v1/posts', { data: {}, headers: { origin: EVIL } })],
      ['redirect', await request.get('/calendar', { maxRedirects: 0 })],
      ['404', await request.get('/no-such-page')],
    ] as const) {
      expectSecurityHeaders(what, res.headers());
    }
  });
});

test.describe('pages under the policy', () => {
  /** Every CSP violation the browser reports, from the console and from the DOM event. */
  function watchViolations(page: Page): string[] {
    const seen: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) seen.push(m.text());
    });
    page.on('pageerror', (e) => {
      if (/Content Security Policy/i.test(e.message)) seen.push(e.message);
    });
    return seen;
  }

  test('sign-in, calendar, composer and accounts work with no CSP violation; the session cookie is HttpOnly and SameSite=Lax', async ({ page }) => {
    const violations = watchViolations(page);
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`));
    });
    await signIn(page, uniqueUsername('csp'));
    await expect(page.getByRole('button', { name: 'New post' })).toBeVisible();
    // Hydrated (React attached its handlers): the composer opens and takes text.
    await page.getByRole('button', { name: 'New post' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Post text').fill('Checking the policy');
    await expect(dialog.getByRole('button', { name: 'Schedule' })).toBeVisible();
    await page.keyboard.press('Escape');
    // Unsaved text: closing asks first (e2e/drafts.spec.ts).
    await page.getByRole('alertdialog').getByRole('button', { name: 'Discard' }).click();
    await expect(dialog).toBeHidden();
    await page.goto('/accounts');
    await expect(page.getByRole('link', { name: 'Connect another X account' })).toBeVisible();
    // The avatar comes from the sandbox's origin (X's image host in production): img-src lets it load.
    const avatar = page.locator('img[src*="/__sandbox/avatars/"]').first();
    await expect.poll(() => avatar.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await page.goto('/calendar');
    await expect(page.locator('.rbc-calendar')).toBeVisible();
    expect(violations).toEqual([]);

    const session = (await page.context().cookies()).find((c) => /authjs\.session-token$/.test(c.name));
    expect(session).toBeDefined();
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: false });
  });

  test("without JavaScript, the sign-in form's redirect to X's consent page passes form-action", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const violations = watchViolations(page);
    await page.goto('/signin');
    await page.getByRole('button', { name: 'Sign in with X' }).click();
    await expect(page.getByRole('button', { name: 'Authorize app' })).toBeVisible();
    expect(violations).toEqual([]);
    await context.close();
  });
});

test.describe('every page, found on the file system, as its rule in tests/security/page-rules.ts says', () => {
  /** Each page file with its rule (tests/security/routes.test.ts fails on a page without one). */
  const pages = pageFiles().map((file) => ({ file, path: urlPathOf(file), access: PAGE_RULES[file] }));
  const at = (path: string, accountId: string) => path.replace('[id]', accountId);
  const isSignIn = (res: APIResponse) => new URL(res.headers()['location'] ?? '', baseUrl()).pathname === '/signin';

  test('signed out: every page but the public ones redirects to /signin', async ({ request }) => {
    expect(pages.length).toBeGreaterThan(5);
    for (const { file, path, access } of pages) {
      expect(access, `${file} has no rule in tests/security/page-rules.ts`).toBeDefined();
      const res = await request.get(at(path, crypto.randomUUID()), { maxRedirects: 0 });
      if (access === 'public') {
        expect(res.status(), file).toBe(200);
      } else {
        expect([302, 303, 307, 308], file).toContain(res.status());
        expect(isSignIn(res), `${file} → ${res.headers()['location']}`).toBe(true);
      }
    }
  });

  test("signed in, not an admin: admin pages are 403, another user's account is 404, the rest open", async ({ page, browser }) => {
    const other = await browser.newContext();
    const otherPage = await other.newPage();
    await signIn(otherPage, uniqueUsername('other'));
    const theirAccount = await firstAccountId(otherPage.request);
    await other.close();

    await signIn(page, uniqueUsername('plain'));
    const mine = await firstAccountId(page.request);
    for (const { file, path, access } of pages) {
      const res = await page.request.get(at(path, mine), { maxRedirects: 0 });
      if (access === 'admin') {
        expect(res.status(), file).toBe(403);
        continue;
      }
      expect(res.status(), file).toBeLessThan(400);
      if (res.status() >= 300) expect(isSignIn(res), `${file} sent a signed-in user to /signin`).toBe(false);
      if (access === 'account') expect((await page.request.get(at(path, theirAccount), { maxRedirects: 0 })).status(), file).toBe(404);
    }
  });
});

test.describe('markup in posts', () => {
  const MARKUP = '<img src=x onerror="window.__xss=1"><script>window.__xss=1</script>';

  test('a post whose text is markup shows as that text on the calendar and in the composer, and runs nothing', async ({ page }) => {
    await signIn(page, uniqueUsername('markup'));
    const accountId = await firstAccountId(page.request);
    const text = `${MARKUP} ${uniqueText('inert')}`;
    const created = await page.request.post('/api/v1/posts', { data: { accountId, parts: [{ text }], scheduledAt: new Date(Date.now() + 15 * 60_000).toISOString() } });
    expect(created.status()).toBe(201);
    // Stored as sent: nothing stripped or escaped twice.
    expect(((await created.json()) as { post: { parts: { text: string }[] } }).post.parts[0]!.text).toBe(text);

    const xss = () => page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss);
    await page.goto('/calendar');
    const event = page.locator('.rbc-event', { hasText: '<img src=x onerror=' }).first();
    await expect(event).toBeVisible();
    await expect(event).toContainText('<script>window.__xss=1</script>');
    expect(await page.locator('img[src="x"]').count()).toBe(0);

    await event.click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByLabel('Post text')).toHaveValue(text);
    // The composer's previews and counters render the text as well.
    await expect(dialog).toContainText('onerror="window.__xss=1"');
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.locator('script', { hasText: 'window.__xss' }).count()).toBe(0);
    expect(await xss()).toBeUndefined();
  });
});

test.describe('malformed URLs through the real server', () => {
  // What tests/security/fuzz.test.ts cannot send by calling handlers: bytes in the path and query
  // that Next itself must decode (broken percent-escapes, encoded lone surrogates, NUL).
  const BAD_IDS = ['%ED%A0%80', '%E0%A4%A', '%', '%00', '%2e%2e%2F%2e%2e%2Fetc', '%F0%9F%98', '%C0%80', 'a'.repeat(4000), '%u0041', crypto.randomUUID()];
  const BAD_QUERIES = ['', '?%', '?a=%E0%A4%A', '?from=%00&to=%ED%A0%80', '?weeks=1&weeks=2', '?status=%FF', `?${'x'.repeat(6000)}=1`];

  test('every /api/v1 route and every page with an id, signed in, answers below 500 (the API with the one error shape)', async ({ page }) => {
    test.setTimeout(180_000);
    await signIn(page, uniqueUsername('urls'));
    const cookie = await cookieHeader(page.context());
    const paths = [...new Set(routeFiles().filter((f) => f.startsWith('app/api/v1/')).map(urlPathOf))];
    expect(paths.length).toBeGreaterThan(10);
    const seen: string[] = [];
    let sent = 0;
    for (const path of paths) {
      for (const id of path.includes('[id]') ? BAD_IDS : ['']) {
        for (const query of BAD_QUERIES) {
          for (const method of ['GET', 'POST', 'PATCH', 'DELETE']) {
            const url = `${path.replace('[id]', id)}${query}`;
            const body = method === 'GET' ? undefined : Buffer.from('{"parts":');
            const answer = await raw(method, url, { cookie, headers: { 'content-type': 'application/json' }, body });
            sent++;
            if (answer.status >= 500) seen.push(`${answer.status} ${method} ${url.slice(0, 120)}: ${answer.body.slice(0, 120)}`);
            // Next's own 404/405 for paths it routes nowhere are not the API's; the API's refusals are JSON.
            else if (answer.status >= 400 && answer.body.startsWith('{')) {
              const parsed = JSON.parse(answer.body) as Record<string, unknown>;
              if (typeof parsed.error !== 'string' || Object.keys(parsed).some((k) => k !== 'error' && k !== 'fields')) seen.push(`shape ${method} ${url.slice(0, 120)}: ${answer.body.slice(0, 120)}`);
            }
          }
        }
      }
    }
    // Pages with an id in their path, too.
    for (const path of pageFiles().map(urlPathOf).filter((p) => p.includes('[id]'))) {
      for (const id of BAD_IDS) {
        const answer = await raw('GET', path.replace('[id]', id), { cookie });
        sent++;
        if (answer.status >= 500) seen.push(`${answer.status} GET ${path.replace('[id]', id).slice(0, 120)}`);
      }
    }
    test.info().annotations.push({ type: 'requests', description: String(sent) });
    expect(seen).toEqual([]);
  });
});
