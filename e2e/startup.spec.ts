import { spawn } from 'node:child_process';
import { expect, test } from '@playwright/test';

/** Runs a built entry point with `env` and no X app, and collects how it ends. */
function run(script: string, env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script], {
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

test('in production without an X app, the web server and the worker refuse to start, saying so in one line', async () => {
  const line = 'Invalid configuration: X_CLIENT_ID is not set; in production set it (your X app), or set HERALD_SANDBOX=1 to run against the local X sandbox on purpose';
  for (const script of ['.next/standalone/server.js', 'dist/worker.js']) {
    const refused = await run(script, {});
    expect(refused.code, script).toBe(1);
    expect(refused.stderr.trim(), script).toBe(line);
  }
});
