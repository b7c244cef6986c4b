/**
 * The environment of x-sandbox/main.ts as startSandbox options. Apart from main.ts (which starts
 * a server when imported) so that tests can call it; main.ts turns a SandboxEnvError into one line.
 */
import { parseRedirectUris } from './redirect-uris';
import { DEFAULT_CLIENT, type SandboxClientOptions, type SandboxOptions } from './server';

export class SandboxEnvError extends Error {}

type Env = Record<string, string | undefined>;

function intEnv(env: Env, name: string, min: number, max: number): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new SandboxEnvError(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  return n;
}

/** `1` on, unset/empty/`0` off; anything else is a mistake worth stopping for (HERALD_SANDBOX reads the same way). */
function flagEnv(env: Env, name: string): boolean {
  const raw = env[name] ?? '';
  if (raw === '1') return true;
  if (raw === '' || raw === '0') return false;
  throw new SandboxEnvError(`${name} must be 1 or 0, got "${raw}"`);
}

function redirectUrisEnv(env: Env): string[] | undefined {
  const raw = env.SANDBOX_REDIRECT_URIS;
  if (raw === undefined || raw.trim() === '') return undefined;
  try {
    return parseRedirectUris(raw);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new SandboxEnvError(`SANDBOX_REDIRECT_URIS must be comma-separated absolute http(s) URLs: ${reason}`);
  }
}

/** The one client main.ts runs with: SANDBOX_CLIENT_ID / _SECRET (or Herald's), with SANDBOX_REDIRECT_URIS. */
function clientEnv(env: Env): SandboxClientOptions | undefined {
  const clientId = env.SANDBOX_CLIENT_ID;
  const secret = env.SANDBOX_CLIENT_SECRET;
  if (secret && !clientId) throw new SandboxEnvError('SANDBOX_CLIENT_SECRET is set without SANDBOX_CLIENT_ID');
  const redirectUris = redirectUrisEnv(env);
  if (!clientId && !redirectUris) return undefined;
  // An empty secret makes a public client.
  const client: SandboxClientOptions = clientId
    ? { clientId, ...(secret ? { clientSecret: secret } : {}) }
    : { clientId: DEFAULT_CLIENT.clientId, clientSecret: DEFAULT_CLIENT.clientSecret };
  return redirectUris ? { ...client, redirectUris } : client;
}

export function optionsFromEnv(env: Env): SandboxOptions {
  const opts: SandboxOptions = {
    port: intEnv(env, 'SANDBOX_PORT', 0, 65535) ?? 4100,
    // Loopback unless asked: containers set SANDBOX_HOST=0.0.0.0 explicitly.
    host: env.SANDBOX_HOST || '127.0.0.1',
    allowTokenMinting: flagEnv(env, 'SANDBOX_ALLOW_TOKEN_MINTING'),
  };
  if (env.SANDBOX_STATE_FILE) opts.stateFile = env.SANDBOX_STATE_FILE;
  if (env.SANDBOX_PUBLIC_URL) opts.publicUrl = env.SANDBOX_PUBLIC_URL;
  const client = clientEnv(env);
  if (client) opts.clients = [client];
  const processing = intEnv(env, 'SANDBOX_MEDIA_PROCESSING_MS', 0, 600_000);
  if (processing !== undefined) opts.mediaProcessingMs = processing;
  const per15 = intEnv(env, 'SANDBOX_TWEETS_PER_15MIN', 0, 100_000_000);
  const per24 = intEnv(env, 'SANDBOX_TWEETS_PER_24H', 0, 100_000_000);
  if (per15 !== undefined || per24 !== undefined) {
    opts.rateLimits = {};
    if (per15 !== undefined) opts.rateLimits.windows = { 'POST /2/tweets': { limit: per15, windowSeconds: 900 } };
    if (per24 !== undefined) opts.rateLimits.tweetsPer24h = per24;
  }
  return opts;
}
