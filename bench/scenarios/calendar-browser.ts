/**
 * The calendar in Chromium: Herald's production build (`npm run build`'s standalone server) on
 * the bench database, signed in through the X sandbox's consent page as the seeded bench user.
 *
 * "Interactive" after a navigation to /calendar, measured in the page from navigation start
 * (performance.now() there counts from it): every expected `.rbc-event` is in the DOM (checked
 * at each DOM change), then the first requestIdleCallback after that (the main thread had
 * nothing left to do); then a click on a post must open the composer (timed apart, and reported).
 * A month switch: a click on the toolbar's Next (or Previous) until the other month's posts are
 * all in the DOM and a frame has been drawn.
 */
import { existsSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { chromium, type CDPSession, type Page } from 'playwright-core';
import { assertRunning, freePort, startProcess, waitUntil } from '../../scripts/toolkit';
import { heraldRedirectUris } from '../../x-sandbox/redirect-uris';
import { DEFAULT_CLIENT, startSandbox } from '../../x-sandbox/server';
import { log } from '../env/log';
import { ROOT } from '../env/paths';
import { onTeardown } from '../env/teardown';
import type { HeraldEnv } from '../env/workers';
import { latency, type Latency } from './calendar-queries';

export interface BrowserResult {
  buildAt: string;
  /** The first navigation, with an empty HTTP cache (not in the percentiles). */
  cold: { renderedMs: number; interactiveMs: number };
  rendered: Latency;
  interactive: Latency;
  clickToComposer: Latency;
  /** Long tasks (> 50 ms) before interactive, summed: total, per navigation (p50 / max). */
  longTasks: Latency;
  /** Navigation start → the last answer of GET /api/v1/posts (resource timing): the fetching part of `rendered`. */
  apiDone: Latency;
  /** Requests to GET /api/v1/posts per navigation (the range's pages and the drafts'). */
  apiRequests: number;
  next: Latency;
  previous: Latency;
  /** Click → the last answer of GET /api/v1/posts, per switch: the fetching part of `next` / `previous`. */
  nextApiDone: Latency;
  previousApiDone: Latency;
  switchRequests: { next: number; previous: number };
  /** Main-thread milliseconds by kind (Chromium's Performance.getMetrics), mean per navigation (to interactive) and per Next. */
  costs: { navigation: Costs; next: Costs };
  /** GET /api/v1/posts of this month over HTTP from the bench process (no browser): one page of 200, and all of them one after another. */
  http: { page: Latency; whole: Latency; pages: number };
  /** One more Next under Chromium's CPU profiler: where the main thread's time went. */
  profile: ProfileSummary;
  expected: { current: number; next: number };
  runs: number;
}

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

export interface WebApp {
  baseUrl: string;
}

/** A sandbox in this process that redirects to the web app, then the web app itself. */
export async function startWebApp(env: HeraldEnv, user: { id: string; username: string }): Promise<WebApp> {
  const server = path.join(ROOT, '.next', 'standalone', 'server.js');
  if (!existsSync(server)) throw new Error('the calendar scenario needs the production build: run `npm run build` first');
  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  const sandbox = await startSandbox({ port: 0, clients: [{ ...DEFAULT_CLIENT, redirectUris: heraldRedirectUris(baseUrl) }], users: [{ ...user, name: 'Bench calendar' }] });
  onTeardown('calendar X sandbox', () => sandbox.close());
  const web = startProcess({
    label: 'web',
    command: process.execPath,
    args: [server],
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      ...env,
      NODE_ENV: 'production',
      X_API_URL: sandbox.url,
      X_AUTHORIZE_URL: `${sandbox.url}/i/oauth2/authorize`,
      AUTH_URL: baseUrl,
      AUTH_SECRET: randomBytes(32).toString('base64url'),
      PORT: String(port),
      HOSTNAME: '127.0.0.1',
      DB_POOL_MAX: '10',
      // The bench times pages, not the per-user limit: its HTTP measure alone asks ~200 pages in seconds.
      API_RATE_LIMIT_PER_USER: '0',
    },
    echo: 'stderr',
  });
  onTeardown('web', () => web.stop());
  await waitUntil(
    async () => {
      assertRunning(web);
      // Not /api/health: with no worker running, seeded posts coming due make it answer 503.
      return (await fetch(`${baseUrl}/signin`, { signal: AbortSignal.timeout(5_000) }).catch(() => undefined))?.ok;
    },
    { what: `${baseUrl}/signin to answer 200`, timeoutMs: 60_000, intervalMs: 250 },
  );
  return { baseUrl };
}

declare global {
  interface Window {
    __bench?: { expect: number; renderedAt?: number; idleAt?: number; longTaskMs: number };
  }
}

/** Installed before any page script: watches for the expected events, then for idle. */
function recorder(expected: number): void {
  const state: NonNullable<Window['__bench']> = { expect: expected, longTaskMs: 0 };
  window.__bench = state;
  try {
    new PerformanceObserver((list) => {
      if (state.idleAt !== undefined) return;
      for (const e of list.getEntries()) state.longTaskMs += e.duration;
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // no long-task timing in this browser
  }
  // A mutation observer, not an animation-frame loop: frames asked for at document start never come.
  const observer = new MutationObserver(() => {
    // The calendar says how many posts it drew once the range is in (month cells show a few and "+N more").
    const frame = document.querySelector('.calendar-frame');
    if (frame?.getAttribute('aria-busy') !== 'false' || Number(frame.getAttribute('data-post-count')) < state.expect) return;
    observer.disconnect();
    state.renderedAt = performance.now();
    requestIdleCallback(() => {
      state.idleAt = performance.now();
    });
  });
  observer.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ["aria-busy", "data-post-count"] });
}

export interface Costs {
  /** Every task on the main thread. */
  task: number;
  script: number;
  layout: number;
  style: number;
}

async function costsNow(cdp: CDPSession): Promise<Costs> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const ms = (name: string) => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
  return { task: ms('TaskDuration'), script: ms('ScriptDuration'), layout: ms('LayoutDuration'), style: ms('RecalcStyleDuration') };
}

const minus = (a: Costs, b: Costs): Costs => ({ task: a.task - b.task, script: a.script - b.script, layout: a.layout - b.layout, style: a.style - b.style });

function meanCosts(list: Costs[]): Costs {
  const n = Math.max(1, list.length);
  const sum = (k: keyof Costs) => list.reduce((s, c) => s + c[k], 0) / n;
  return { task: sum('task'), script: sum('script'), layout: sum('layout'), style: sum('style') };
}

export interface ProfileSummary {
  switchMs: number;
  sampledMs: number;
  /** Self time by function (name, script file, line), largest first. */
  functions: { name: string; ms: number }[];
  /** Self time by script file. */
  scripts: { name: string; ms: number }[];
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}

function summarizeCpuProfile(profile: { nodes: ProfileNode[]; samples?: number[]; timeDeltas?: number[] }, switchMs: number): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const fn = new Map<string, number>();
  const script = new Map<string, number>();
  let total = 0;
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const node = byId.get(samples[i]!);
    // A sample's time is the gap to the next one.
    const ms = (deltas[i + 1] ?? 0) / 1000;
    if (!node) continue;
    total += ms;
    const file = node.callFrame.url ? (node.callFrame.url.split('/').pop() ?? node.callFrame.url) : '(native)';
    const key = `${node.callFrame.functionName || '(anonymous)'} ${file}${node.callFrame.url ? `:${node.callFrame.lineNumber + 1}:${node.callFrame.columnNumber + 1}` : ''}`;
    fn.set(key, (fn.get(key) ?? 0) + ms);
    script.set(file, (script.get(file) ?? 0) + ms);
  }
  const top = (m: Map<string, number>, n: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, ms]) => ({ name, ms }));
  return { switchMs, sampledMs: total, functions: top(fn, 15), scripts: top(script, 8) };
}

interface Switch {
  costs: Costs;
  ms: number;
  apiMs: number;
  requests: number;
}

/** What the browser spent on GET /api/v1/posts since `since` (ms from navigation start): requests, and when the last answer ended. */
function postsApi(page: Page, since: number): Promise<{ requests: number; lastEnd: number }> {
  return page.evaluate((since) => {
    const entries = performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/v1/posts') && e.startTime >= since) as PerformanceResourceTiming[];
    return { requests: entries.length, lastEnd: Math.max(0, ...entries.map((e) => e.responseEnd)) };
  }, since);
}

/** A click on the button named `name` until `expected` events are drawn under a new label; and the API's part of it. */
async function switchMonth(page: Page, cdp: CDPSession, name: string, expected: number): Promise<Switch> {
  const before = await costsNow(cdp);
  const clickedAt = await page.evaluate(() => performance.now());
  const ms = await page.evaluate(
    ({ name, expected }) =>
      new Promise<number>((resolve, reject) => {
        const button = document.querySelector<HTMLButtonElement>(`button[aria-label="${name}"]`);
        const label = document.querySelector('h2[aria-live]')?.textContent;
        if (!button) return reject(new Error(`no ${name} button`));
        const started = performance.now();
        const deadline = started + 20_000;
        const check = () => {
          const now = performance.now();
          const frame = document.querySelector('.calendar-frame');
          const drawn = frame?.getAttribute('aria-busy') === 'false' && Number(frame.getAttribute('data-post-count')) === expected;
          if (document.querySelector('h2[aria-live]')?.textContent !== label && drawn) {
            // The frame after: what is on screen includes them.
            requestAnimationFrame(() => resolve(performance.now() - started));
            return;
          }
          if (now > deadline) return reject(new Error(`${document.querySelector('.calendar-frame')?.getAttribute('data-post-count')} posts after ${name}, expected ${expected}`));
          requestAnimationFrame(check);
        };
        button.click();
        requestAnimationFrame(check);
      }),
    { name, expected },
  );
  const api = await postsApi(page, clickedAt);
  return { ms, apiMs: api.lastEnd - clickedAt, requests: api.requests, costs: minus(await costsNow(cdp), before) };
}

/** Until the recorder saw every post drawn and then idle; on a timeout, says what the page showed. */
async function untilIdle(page: Page): Promise<void> {
  try {
    await page.waitForFunction(() => window.__bench?.idleAt !== undefined, undefined, { timeout: 60_000, polling: 100 });
  } catch (error) {
    const seen = await page.evaluate(() => ({ url: location.href, events: document.querySelectorAll('.rbc-event').length, bench: window.__bench, label: document.querySelector('h2[aria-live]')?.textContent }));
    throw new Error(`${error instanceof Error ? error.message.split('\n')[0] : String(error)}; the page showed ${JSON.stringify(seen)}`);
  }
}

/** A real click (Playwright's mouse) on the first post: milliseconds from its pointerdown to the composer open. */
async function clickToComposer(page: Page): Promise<number> {
  const opened = page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        let started: number | undefined;
        document.addEventListener('pointerdown', () => (started ??= performance.now()), { capture: true, once: true });
        const deadline = performance.now() + 20_000;
        const check = () => {
          if (started !== undefined && document.querySelector('dialog[open], [role="dialog"]')) return resolve(performance.now() - started);
          if (performance.now() > deadline) return reject(new Error('the composer did not open'));
          requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      }),
  );
  await page.locator('.rbc-event').first().click();
  return opened;
}

/**
 * GET /api/v1/posts over HTTP with the browser's session, from this process: a page of 200 of
 * `range`, and the whole range paged as listAll does. What the page waits for, without the page.
 */
async function measureHttp(app: WebApp, cookie: string, range: { from: Date; to: Date }, samples: number): Promise<{ page: Latency; whole: Latency; pages: number }> {
  const get = async (cursor?: string) => {
    const query = new URLSearchParams({ from: range.from.toISOString(), to: range.to.toISOString(), limit: '200', ...(cursor ? { cursor } : {}) });
    const res = await fetch(`${app.baseUrl}/api/v1/posts?${query}`, { headers: { cookie } });
    if (!res.ok) throw new Error(`GET /api/v1/posts: ${res.status}`);
    return (await res.json()) as { nextCursor: string | null };
  };
  const pageTimes: number[] = [];
  const wholeTimes: number[] = [];
  let pages = 0;
  for (let i = -3; i < samples; i++) {
    const started = performance.now();
    let cursor: string | undefined;
    pages = 0;
    for (;;) {
      const t = performance.now();
      const body = await get(cursor);
      if (i >= 0) pageTimes.push(performance.now() - t);
      pages++;
      if (!body.nextCursor) break;
      cursor = body.nextCursor;
    }
    if (i >= 0) wholeTimes.push(performance.now() - started);
  }
  return { page: latency(pageTimes), whole: latency(wholeTimes), pages };
}

export async function measureBrowser(app: WebApp, username: string, expected: { current: number; next: number }, runs: number, range: { from: Date; to: Date }): Promise<BrowserResult> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  onTeardown('chromium', () => browser.close());
  try {
    // UTC, so the calendar's month grid is the seeded window (the user has no zone setting).
    const context = await browser.newContext({ baseURL: app.baseUrl, timezoneId: 'UTC', locale: 'en-US', viewport: { width: 1400, height: 1000 } });
    const signin = await context.newPage();
    await signin.goto('/signin');
    await signin.getByRole('button', { name: 'Sign in with X' }).click();
    await signin.getByLabel('Or a new username').fill(username);
    await signin.getByRole('button', { name: 'Authorize app' }).click();
    await signin.waitForURL('**/calendar', { timeout: 60_000 });
    await signin.close();
    log('calendar: signed in as the bench user');
    const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const http = await measureHttp(app, cookie, range, runs * 3);
    // tsx (esbuild, keepNames) wraps the functions this file hands to the page in __name(...).
    await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
    await context.addInitScript(recorder, expected.current);

    const rendered: number[] = [];
    const interactive: number[] = [];
    const clicks: number[] = [];
    const longTasks: number[] = [];
    const apiDone: number[] = [];
    let apiRequests = 0;
    const navCosts: Costs[] = [];
    let cold = { renderedMs: Number.NaN, interactiveMs: Number.NaN };
    let last: Page | undefined;
    for (let i = 0; i <= runs; i++) {
      await last?.close();
      const page = await context.newPage();
      last = page;
      const cdp = await context.newCDPSession(page);
      await cdp.send('Performance.enable');
      await page.goto('/calendar', { waitUntil: 'commit' });
      await untilIdle(page);
      const got = await page.evaluate(() => window.__bench!);
      const spent = await costsNow(cdp);
      const click = await clickToComposer(page);
      if (i === 0) {
        cold = { renderedMs: got.renderedAt!, interactiveMs: got.idleAt! };
        continue;
      }
      rendered.push(got.renderedAt!);
      interactive.push(got.idleAt!);
      longTasks.push(got.longTaskMs);
      const api = await postsApi(page, 0);
      apiDone.push(api.lastEnd);
      apiRequests = api.requests;
      navCosts.push(spent);
      clicks.push(click);
    }
    // Month switches on a page of their own, idle and with no composer open.
    await last?.close();
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto('/calendar', { waitUntil: 'commit' });
    await untilIdle(page);
    const next: Switch[] = [];
    const previous: Switch[] = [];
    for (let i = 0; i < runs; i++) {
      next.push(await switchMonth(page, cdp, 'Next', expected.next));
      previous.push(await switchMonth(page, cdp, 'Previous', expected.current));
    }
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
    const profiled = await switchMonth(page, cdp, 'Next', expected.next);
    const { profile } = await cdp.send('Profiler.stop');
    await context.close();
    return {
      profile: summarizeCpuProfile(profile, profiled.ms),
      http,
      buildAt: statSync(path.join(ROOT, '.next', 'BUILD_ID')).mtime.toISOString(),
      cold,
      rendered: latency(rendered),
      interactive: latency(interactive),
      clickToComposer: latency(clicks),
      longTasks: latency(longTasks),
      apiDone: latency(apiDone),
      apiRequests,
      next: latency(next.map((x) => x.ms)),
      previous: latency(previous.map((x) => x.ms)),
      nextApiDone: latency(next.map((x) => x.apiMs)),
      previousApiDone: latency(previous.map((x) => x.apiMs)),
      switchRequests: { next: next.at(-1)?.requests ?? 0, previous: previous.at(-1)?.requests ?? 0 },
      costs: { navigation: meanCosts(navCosts), next: meanCosts(next.map((x) => x.costs)) },
      expected,
      runs,
    };
  } finally {
    await browser.close();
  }
}
