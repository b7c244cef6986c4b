import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createServer } from 'node:net';
import { heraldRedirectUris } from '../x-sandbox/redirect-uris';
import { DEFAULT_CLIENT, startSandbox } from '../x-sandbox/server';
import { createTestEnv } from '../tests/support/test-env';

export const E2E_ADMIN = 'herald_admin';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitForHealth(url: string, processes: ChildProcess[], timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const dead = processes.find((p) => p.exitCode !== null);
    if (dead) throw new Error(`${dead.spawnargs.join(' ')} exited with ${dead.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not become healthy within ${timeoutMs} ms`);
}

/** The production build, the worker and the X sandbox, on a database and Redis prefix of their own. */
export default async function globalSetup() {
  if (!existsSync('.next/standalone/server.js') || !existsSync('dist/worker.js')) {
    throw new Error('Build first: `npm run build` (npm test does it for you)');
  }
  const env = await createTestEnv('e2e');
  const mediaDir = mkdtempSync(path.join(tmpdir(), 'herald-e2e-media-'));
  // Herald's port first: the sandbox redirects only to callbacks registered when it starts.
  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  const sandbox = await startSandbox({ port: 0, clients: [{ ...DEFAULT_CLIENT, redirectUris: heraldRedirectUris(baseUrl) }] });
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
    LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'warn',
    PUBLISH_RETRY_BASE_MS: '500',
    MEDIA_DIR: mediaDir,
  };
  const log = process.env.E2E_VERBOSE ? 'inherit' : 'ignore';
  const web = spawn(process.execPath, ['.next/standalone/server.js'], { env: { ...processEnv, PORT: String(port), HOSTNAME: '127.0.0.1' }, stdio: ['ignore', log, 'inherit'] });
  const worker = spawn(process.execPath, ['dist/worker.js'], { env: processEnv, stdio: ['ignore', log, 'inherit'] });

  Object.assign(process.env, { E2E_BASE_URL: baseUrl, E2E_SANDBOX_URL: sandbox.url });

  try {
    await waitForHealth(`${baseUrl}/api/health`, [web, worker]);
  } catch (error) {
    web.kill();
    worker.kill();
    await sandbox.close();
    await env.drop();
    rmSync(mediaDir, { recursive: true, force: true });
    throw error;
  }

  return async () => {
    const exited = (p: ChildProcess) => new Promise((r) => (p.exitCode !== null ? r(null) : p.once('exit', r)));
    web.kill('SIGTERM');
    worker.kill('SIGTERM');
    await Promise.race([Promise.all([exited(web), exited(worker)]), new Promise((r) => setTimeout(r, 10_000))]);
    web.kill('SIGKILL');
    worker.kill('SIGKILL');
    await sandbox.close();
    await env.drop();
    rmSync(mediaDir, { recursive: true, force: true });
  };
}
