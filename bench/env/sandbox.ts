import { assertRunning, startProcess, waitUntil } from '../../scripts/toolkit';
import { onTeardown } from './teardown';

export interface SandboxProcess {
  url: string;
  pid: number;
  control<T = unknown>(method: string, route: string, body?: unknown): Promise<T>;
}

/** The X sandbox as a child process (its own event loop and CPU share, as in production). */
export async function startSandboxChild(bundle: string): Promise<SandboxProcess> {
  let url: string | undefined;
  const child = startProcess({
    label: 'x-sandbox',
    command: process.execPath,
    args: [bundle],
    // Minting on: setupAccounts (bench/load.ts) gets thousands of accounts' tokens without the consent page.
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      SANDBOX_PORT: '0',
      SANDBOX_HOST: '127.0.0.1',
      SANDBOX_ALLOW_TOKEN_MINTING: '1',
      NODE_ENV: 'production',
    },
    keepLines: 200,
    // It announces its address in its first JSON line.
    onLine: (line, stream) => {
      if (stream !== 'stdout' || url) return;
      try {
        const parsed = JSON.parse(line) as { url?: unknown };
        if (typeof parsed.url === 'string') url = parsed.url;
      } catch {
        // not a JSON line
      }
    },
  });
  onTeardown('x-sandbox', () => child.stop(10_000));
  const base = await waitUntil(
    () => {
      assertRunning(child);
      return url;
    },
    { what: 'the X sandbox to listen', timeoutMs: 15_000 },
  );
  const control = async <T = unknown>(method: string, route: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${base}/__sandbox${route}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(60_000),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`sandbox ${method} ${route}: ${res.status} ${text.slice(0, 300)}`);
    return (text ? JSON.parse(text) : null) as T;
  };
  return { url: base, pid: child.pid!, control };
}
