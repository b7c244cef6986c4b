import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Teardown, assertRunning, freePort, spawnWorker, startProcess, waitUntil } from '../scripts/toolkit';
import { heraldRedirectUris } from '../x-sandbox/redirect-uris';
import { DEFAULT_CLIENT, startSandbox } from '../x-sandbox/server';
import { createTestEnv } from '../tests/support/test-env';

export const E2E_ADMIN = 'herald_admin';

/** The production build, the worker and the X sandbox, on a database and Redis prefix of their own. */
export default async function globalSetup() {
  if (!existsSync('.next/standalone/server.js') || !existsSync('dist/worker.js')) {
    throw new Error('Build first: `npm run build` (npm test does it for you)');
  }
  const teardown = new Teardown();
  try {
    const env = await createTestEnv('e2e');
    teardown.add('the e2e database', () => env.drop());
    const mediaDir = mkdtempSync(path.join(tmpdir(), 'herald-e2e-media-'));
    teardown.add('the media directory', () => rmSync(mediaDir, { recursive: true, force: true }));
    // Every line web and worker write, whole, for specs that read the servers' logs (e2e/logs.spec.ts).
    const logDir = mkdtempSync(path.join(tmpdir(), 'herald-e2e-logs-'));
    teardown.add('the server logs', () => rmSync(logDir, { recursive: true, force: true }));
    const logTo = (file: string) => (line: string) => appendFileSync(path.join(logDir, file), `${line}\n`);
    const metricsToken = randomBytes(24).toString('base64url');
    // Herald's port first: the sandbox redirects only to callbacks registered when it starts.
    const port = await freePort();
    const baseUrl = `http://localhost:${port}`;
    const sandbox = await startSandbox({ port: 0, clients: [{ ...DEFAULT_CLIENT, redirectUris: heraldRedirectUris(baseUrl) }] });
    teardown.add('the X sandbox', () => sandbox.close());
    const processEnv = {
      ...process.env,
      NODE_ENV: 'production' as const,
      // Production build, against the sandbox on purpose.
      HERALD_SANDBOX: '1',
      DATABASE_URL: env.databaseUrl,
      REDIS_URL: env.redisUrl,
      QUEUE_PREFIX: env.queuePrefix,
      AUTH_SECRET: randomBytes(32).toString('base64url'),
      ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      AUTH_URL: baseUrl,
      X_API_URL: sandbox.url,
      X_AUTHORIZE_URL: `${sandbox.url}/i/oauth2/authorize`,
      ADMIN_X_USERNAMES: E2E_ADMIN,
      LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'info',
      METRICS_TOKEN: metricsToken,
      PUBLISH_RETRY_BASE_MS: '500',
      MEDIA_DIR: mediaDir,
    };
    // Errors always reach the console; everything with E2E_VERBOSE.
    const echo = process.env.E2E_VERBOSE ? 'all' : 'stderr';
    const web = startProcess({
      label: 'web',
      command: process.execPath,
      args: ['.next/standalone/server.js'],
      env: { ...processEnv, PORT: String(port), HOSTNAME: '127.0.0.1' },
      echo,
      onLine: logTo('web.log'),
    });
    teardown.add('the web server', () => web.stop());
    const workerMetricsPort = await freePort();
    const worker = spawnWorker({ script: 'dist/worker.js', env: { ...processEnv, WORKER_METRICS_PORT: String(workerMetricsPort) }, graceMs: 10_000, echo, onLine: logTo('worker.log') });
    teardown.add('the worker', () => worker.stop());

    Object.assign(process.env, { E2E_BASE_URL: baseUrl, E2E_SANDBOX_URL: sandbox.url, E2E_LOG_DIR: logDir, E2E_METRICS_TOKEN: metricsToken, E2E_WORKER_METRICS_URL: `http://127.0.0.1:${workerMetricsPort}/api/metrics` });
    await waitUntil(
      async () => {
        assertRunning(web);
        assertRunning(worker);
        return (await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(5_000) }).catch(() => undefined))?.ok;
      },
      { what: `${baseUrl}/api/health to answer 200`, timeoutMs: 60_000, intervalMs: 250 },
    );
  } catch (error) {
    await teardown.run();
    throw error;
  }
  return () => teardown.run();
}
