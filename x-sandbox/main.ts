/**
 * CLI entry: `tsx x-sandbox/main.ts` (or the esbuild bundle). Environment:
 *   SANDBOX_PORT (default 4100), SANDBOX_HOST (default 127.0.0.1), SANDBOX_STATE_FILE,
 *   SANDBOX_CLIENT_ID / SANDBOX_CLIENT_SECRET (an empty secret makes a public client),
 *   SANDBOX_PUBLIC_URL (base URL browsers use, for avatar links),
 *   SANDBOX_MEDIA_PROCESSING_MS, SANDBOX_TWEETS_PER_15MIN, SANDBOX_TWEETS_PER_24H.
 * Prints one JSON line with the URL; exits cleanly on SIGTERM/SIGINT.
 */
import { startSandbox, type SandboxOptions } from './server';

function fail(message: string): never {
  console.error(JSON.stringify({ level: 'fatal', msg: message }));
  process.exit(1);
}

function intEnv(name: string, min: number, max: number): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) fail(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  return n;
}

async function main(): Promise<void> {
  const opts: SandboxOptions = {
    port: intEnv('SANDBOX_PORT', 0, 65535) ?? 4100,
    host: process.env.SANDBOX_HOST || '127.0.0.1',
  };
  if (process.env.SANDBOX_STATE_FILE) opts.stateFile = process.env.SANDBOX_STATE_FILE;
  if (process.env.SANDBOX_PUBLIC_URL) opts.publicUrl = process.env.SANDBOX_PUBLIC_URL;
  const clientId = process.env.SANDBOX_CLIENT_ID;
  if (clientId) {
    const secret = process.env.SANDBOX_CLIENT_SECRET;
    opts.clients = [secret ? { clientId, clientSecret: secret } : { clientId }];
  } else if (process.env.SANDBOX_CLIENT_SECRET) {
    fail('SANDBOX_CLIENT_SECRET is set without SANDBOX_CLIENT_ID');
  }
  const processing = intEnv('SANDBOX_MEDIA_PROCESSING_MS', 0, 600_000);
  if (processing !== undefined) opts.mediaProcessingMs = processing;
  const per15 = intEnv('SANDBOX_TWEETS_PER_15MIN', 0, 100_000_000);
  const per24 = intEnv('SANDBOX_TWEETS_PER_24H', 0, 100_000_000);
  if (per15 !== undefined || per24 !== undefined) {
    opts.rateLimits = {};
    if (per15 !== undefined) opts.rateLimits.windows = { 'POST /2/tweets': { limit: per15, windowSeconds: 900 } };
    if (per24 !== undefined) opts.rateLimits.tweetsPer24h = per24;
  }

  let sandbox;
  try {
    sandbox = await startSandbox(opts);
  } catch (err) {
    fail(`x-sandbox could not start on ${opts.host}:${opts.port}: ${err instanceof Error ? err.message : String(err)}`);
  }
  console.log(JSON.stringify({ level: 'info', msg: 'x-sandbox listening', url: sandbox.url, time: new Date().toISOString() }));

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    sandbox
      .close()
      .then(() => {
        console.log(JSON.stringify({ level: 'info', msg: 'x-sandbox stopped', signal }));
        process.exit(0);
      })
      .catch((err: unknown) => fail(`x-sandbox failed to stop: ${err instanceof Error ? err.message : String(err)}`));
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

void main();
