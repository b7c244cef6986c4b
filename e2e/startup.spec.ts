import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { expect, test } from '@playwright/test';

/** Runs a built entry point with `env` and no X app, and collects how it ends. */
function run(script: string, env: Record<string, string>, args: string[] = []): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], {
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', PORT: '39871', AUTH_SECRET: 'x'.repeat(32), ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

/** A port nothing listens on: taken free from the system, then closed again. */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

test('in production without an X app, the web server and the worker refuse to start, saying so in one line', async () => {
  const line = 'Invalid configuration: X_CLIENT_ID is not set; in production set it (your X app), or set HERALD_SANDBOX=1 to run against the local X sandbox on purpose';
  for (const script of ['.next/standalone/server.js', 'dist/worker.js']) {
    const refused = await run(script, {});
    expect(refused.code, script).toBe(1);
    expect(refused.stderr.trim(), script).toBe(line);
  }
});

test('the built migrator, worker and runner stop in one line when Postgres does not answer', async () => {
  const port = await closedPort();
  const line = `Postgres is not reachable at 127.0.0.1:${port} (ECONNREFUSED): start it (\`docker compose up -d postgres redis\`) or set DATABASE_URL to a running server`;
  for (const script of ['dist/migrate.js', 'dist/worker.js', 'dist/run.js']) {
    const refused = await run(script, { HERALD_SANDBOX: '1', DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/herald` }, script === 'dist/run.js' ? ['start'] : []);
    expect(refused.code, script).toBe(1);
    expect(refused.stderr.trim(), script).toBe(line);
  }
});

test('serves robots.txt that keeps crawlers out, a favicon, and a social image the pages point to', async ({ page, request, baseURL }) => {
  const robots = await request.get('/robots.txt');
  expect(robots.status()).toBe(200);
  expect(await robots.text()).toMatch(/^User-agent: \*\nDisallow: \/$/m);
  const favicon = await request.get('/favicon.ico');
  expect(favicon.status()).toBe(200);
  expect((await favicon.body()).subarray(0, 4)).toEqual(Buffer.from([0, 0, 1, 0]));

  await page.goto('/signin');
  const image = await page.locator('meta[property="og:image"]').getAttribute('content');
  expect(image).toBe(`${baseURL}/social.png`);
  await expect(page.locator('meta[name="twitter:card"]')).toHaveAttribute('content', 'summary_large_image');
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', 'noindex, nofollow');
  const social = await request.get(image!);
  expect(social.status()).toBe(200);
  expect(social.headers()['content-type']).toBe('image/png');
});
