/** The CLI, its esbuild bundle, state persistence, and the committed OpenAPI subset. */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { extractSubset } from './extract-schemas';
import { ALICE, api, authorizeParams, pkce, signIn, startSandboxForTest } from './test-support';

const here = import.meta.dirname;
const repo = path.resolve(here, '..');
const tmp = mkdtempSync(path.join(tmpdir(), 'x-sandbox-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    if (!child.stdout) return reject(new Error('no stdout'));
    const rl = createInterface({ input: child.stdout });
    rl.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`exited with ${code} before printing`)));
  });
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** The exit code, or 'still running' (and the child killed) when it has not exited within `ms`. */
async function exitWithin(child: ChildProcess, ms: number): Promise<number | null | 'still running'> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'still running'>((resolve) => (timer = setTimeout(() => resolve('still running'), ms)));
  const result = await Promise.race([exitOf(child), late]);
  clearTimeout(timer);
  if (result === 'still running') child.kill('SIGKILL');
  return result;
}

const CLI_REDIRECT = 'https://herald.example/api/auth/callback/twitter';

/** The status of the authorize page for `redirectUri` and the client `clientId`. */
async function authorizeStatus(base: string, clientId: string, redirectUri: string): Promise<number> {
  const params = authorizeParams({ challenge: pkce().challenge, clientId, redirectUri });
  return (await fetch(`${base}/i/oauth2/authorize?${new URLSearchParams(params)}`)).status;
}

async function runAndStop(command: string, args: string[], signal: NodeJS.Signals): Promise<void> {
  const child = spawn(command, args, {
    cwd: repo,
    env: {
      ...process.env,
      SANDBOX_PORT: '0',
      SANDBOX_CLIENT_ID: 'cli-client',
      SANDBOX_CLIENT_SECRET: 'cli-secret',
      SANDBOX_REDIRECT_URIS: ` ${CLI_REDIRECT} , http://127.0.0.1:3999/callback,`,
      SANDBOX_ALLOW_TOKEN_MINTING: '1',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const line = JSON.parse(await firstLine(child)) as { msg: string; url: string; tokenMinting: boolean };
    expect(line.msg).toBe('x-sandbox listening');
    expect(line.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(line.tokenMinting).toBe(true);
    const health = await fetch(`${line.url}/__sandbox/health`);
    expect(await health.json()).toEqual({ ok: true });
    // The client's registered callbacks come from SANDBOX_REDIRECT_URIS, in place of Herald's defaults.
    expect(await authorizeStatus(line.url, 'cli-client', CLI_REDIRECT)).toBe(200);
    expect(await authorizeStatus(line.url, 'cli-client', 'http://127.0.0.1:3999/callback')).toBe(200);
    expect(await authorizeStatus(line.url, 'cli-client', 'http://localhost:3000/api/auth/callback/twitter')).toBe(400);
    // The client comes from SANDBOX_CLIENT_ID / SANDBOX_CLIENT_SECRET.
    const token = await fetch(`${line.url}/__sandbox/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'alice', clientId: 'cli-client' }),
    });
    expect(token.status).toBe(200);
    // ajv, the OpenAPI subset and twitter-text work in this build too.
    const { access_token } = (await token.json()) as { access_token: string };
    const created = await api(line.url, access_token, 'POST', '/2/tweets', { text: 'from the CLI 日本 https://example.com' });
    expect(created.status).toBe(201);
    const invalid = await api(line.url, access_token, 'POST', '/2/tweets', { text: 'x'.repeat(281) });
    expect(invalid.status).toBe(400);
    const exited = exitOf(child);
    child.kill(signal);
    expect(await exited).toBe(0);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}

describe('CLI', () => {
  it('starts with tsx, prints one JSON line with its URL and stops on SIGTERM', async () => {
    await runAndStop(process.execPath, ['--import', 'tsx', 'x-sandbox/main.ts'], 'SIGTERM');
  });

  it('bundles with esbuild into one file that runs without the source tree, and stops on SIGINT', async () => {
    const outfile = path.join(tmp, 'x-sandbox.mjs');
    await build({
      entryPoints: [path.join(here, 'main.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'esm',
      logLevel: 'error',
      banner: { js: "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);" },
    });
    await runAndStop(process.execPath, [outfile], 'SIGINT');
  });

  it('refuses a malformed port, redirect URI list or minting flag with one clear line', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ SANDBOX_PORT: 'eighty' }, 'SANDBOX_PORT must be an integer'],
      [{ SANDBOX_REDIRECT_URIS: 'http://localhost:3000/cb,/api/auth/callback/twitter' }, 'SANDBOX_REDIRECT_URIS must be comma-separated absolute http(s) URLs'],
      [{ SANDBOX_ALLOW_TOKEN_MINTING: 'yes' }, 'SANDBOX_ALLOW_TOKEN_MINTING must be 1 or 0'],
    ];
    for (const [env, message] of cases) {
      const child = spawn(process.execPath, ['--import', 'tsx', 'x-sandbox/main.ts'], {
        cwd: repo,
        env: { ...process.env, SANDBOX_PORT: '0', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let err = '';
      child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
      expect(await exitWithin(child, 8_000)).toBe(1);
      expect(err).toContain(message);
      expect(err.trim().split('\n')).toHaveLength(1);
    }
  });

  it('does not mint tokens unless SANDBOX_ALLOW_TOKEN_MINTING=1, and accepts Herald’s default callbacks', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, SANDBOX_PORT: '0' };
    for (const name of ['SANDBOX_ALLOW_TOKEN_MINTING', 'SANDBOX_REDIRECT_URIS', 'SANDBOX_CLIENT_ID', 'SANDBOX_CLIENT_SECRET', 'SANDBOX_HOST']) delete env[name];
    const child = spawn(process.execPath, ['--import', 'tsx', 'x-sandbox/main.ts'], { cwd: repo, env, stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const line = JSON.parse(await firstLine(child)) as { url: string; tokenMinting: boolean };
      expect(line.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(line.tokenMinting).toBe(false);
      const mint = await api<{ error: string }>(line.url, null, 'POST', '/__sandbox/tokens', { username: 'alice' });
      expect(mint.status).toBe(404);
      expect(mint.body.error).toContain('SANDBOX_ALLOW_TOKEN_MINTING=1');
      expect(await authorizeStatus(line.url, 'herald-sandbox', 'http://localhost:3000/api/auth/callback/twitter')).toBe(200);
      expect(await authorizeStatus(line.url, 'herald-sandbox', 'http://localhost:3000/api/accounts/connect/callback')).toBe(200);
      expect(await authorizeStatus(line.url, 'herald-sandbox', 'http://127.0.0.1:3999/callback')).toBe(400);
    } finally {
      child.kill('SIGKILL');
    }
  });
});

describe('stateFile', () => {
  it('keeps users, tokens and posts across a restart', async () => {
    const stateFile = path.join(tmp, 'state', 'sandbox.json');
    const first = await startSandboxForTest({ stateFile });
    const tokens = await signIn(first.url, 'persisted_user');
    const post = await api<{ data: { id: string } }>(first.url, tokens.access_token, 'POST', '/2/tweets', { text: 'survives restarts' });
    expect(post.status).toBe(201);
    await first.close();
    expect(existsSync(stateFile)).toBe(true);

    const second = await startSandboxForTest({ stateFile });
    try {
      const me = await api<{ data: { username: string } }>(second.url, tokens.access_token, 'GET', '/2/users/me');
      expect(me.body.data.username).toBe('persisted_user');
      const dup = await api(second.url, tokens.access_token, 'POST', '/2/tweets', { text: 'survives restarts' });
      expect(dup.status).toBe(403);
      const next = await api<{ data: { id: string } }>(second.url, tokens.access_token, 'POST', '/2/tweets', { text: 'a new one' });
      expect(BigInt(next.body.data.id) > BigInt(post.body.data.id)).toBe(true);
      const refreshed = await fetch(`${second.url}/2/oauth2/token`, {
        method: 'POST',
        headers: { authorization: 'Basic ' + Buffer.from('herald-sandbox:herald-sandbox-secret').toString('base64'), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token ?? '' }),
      });
      expect(refreshed.status).toBe(200);
      const alice = await api<{ data: { id: string } }>(second.url, null, 'GET', '/__sandbox/users');
      expect(JSON.stringify(alice.body)).toContain(ALICE);
    } finally {
      await second.close();
    }
  });
});

describe('OpenAPI subset', () => {
  const source = process.env.X_OPENAPI_PATH ?? path.resolve(repo, '../shared/x-api/openapi.json');
  it.skipIf(!existsSync(source))('x-openapi-subset.json is what extract-schemas.ts makes from X’s OpenAPI document', () => {
    const doc = JSON.parse(readFileSync(source, 'utf8')) as Parameters<typeof extractSubset>[0];
    const committed = JSON.parse(readFileSync(path.join(here, 'x-openapi-subset.json'), 'utf8')) as unknown;
    expect(JSON.parse(JSON.stringify(extractSubset(doc)))).toEqual(committed);
  });
});
