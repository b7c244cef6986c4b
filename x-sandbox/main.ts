/**
 * CLI entry: `tsx x-sandbox/main.ts` (or the esbuild bundle). Environment (read by ./env.ts):
 *   SANDBOX_PORT (default 4100), SANDBOX_HOST (default 127.0.0.1), SANDBOX_STATE_FILE,
 *   SANDBOX_CLIENT_ID / SANDBOX_CLIENT_SECRET (an empty secret makes a public client),
 *   SANDBOX_REDIRECT_URIS (the client's registered callbacks, comma-separated; default Herald's
 *   two at http://localhost:3000), SANDBOX_ALLOW_TOKEN_MINTING=1 (POST /__sandbox/tokens; off by default),
 *   SANDBOX_PUBLIC_URL (base URL browsers use, for avatar links),
 *   SANDBOX_MEDIA_PROCESSING_MS, SANDBOX_TWEETS_PER_15MIN, SANDBOX_TWEETS_PER_24H.
 * Prints one JSON line with the URL; exits cleanly on SIGTERM/SIGINT.
 */
import { SandboxEnvError, optionsFromEnv } from './env';
import { startSandbox, type SandboxOptions } from './server';

function fail(message: string): never {
  console.error(JSON.stringify({ level: 'fatal', msg: message }));
  process.exit(1);
}

function readOptions(): SandboxOptions {
  try {
    return optionsFromEnv(process.env);
  } catch (err) {
    if (err instanceof SandboxEnvError) fail(err.message);
    throw err;
  }
}

async function main(): Promise<void> {
  const opts = readOptions();
  let sandbox;
  try {
    sandbox = await startSandbox(opts);
  } catch (err) {
    fail(`x-sandbox could not start on ${opts.host}:${opts.port}: ${err instanceof Error ? err.message : String(err)}`);
  }
  // Says whether minting is on, so a sandbox that hands out tokens on request is visible in its log.
  const started = { level: 'info', msg: 'x-sandbox listening', url: sandbox.url, tokenMinting: opts.allowTokenMinting === true };
  console.log(JSON.stringify({ ...started, time: new Date().toISOString() }));

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
