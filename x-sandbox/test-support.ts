/** Helpers for the sandbox's own tests (and for Herald's, if useful): PKCE sign-in and API calls. */
import { createHash, randomBytes } from 'node:crypto';
import { startSandbox, type Sandbox, type SandboxOptions } from './server';

export const CLIENT_ID = 'herald-sandbox';
export const CLIENT_SECRET = 'herald-sandbox-secret';
export const REDIRECT_URI = 'http://127.0.0.1:3999/callback';
/** The client these helpers sign in with, with REDIRECT_URI registered. */
export const TEST_CLIENT = { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: [REDIRECT_URI] };
export const ALICE = '1000000000000000001';
export const BOB = '1000000000000000002';
export const ALL_SCOPES = ['tweet.read', 'tweet.write', 'users.read', 'media.write', 'offline.access'];

export interface TokenResponse {
  token_type: string;
  expires_in: number;
  access_token: string;
  scope: string;
  refresh_token?: string;
}

/**
 * A sandbox whose client accepts REDIRECT_URI (what signIn and consent use). Tests that mint
 * tokens through the control API pass `allowTokenMinting: true` themselves.
 */
export function startSandboxForTest(opts: SandboxOptions = {}): Promise<Sandbox> {
  return startSandbox({ clients: [TEST_CLIENT], ...opts });
}

export function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export function basic(id = CLIENT_ID, secret = CLIENT_SECRET): string {
  return 'Basic ' + Buffer.from(`${id}:${secret}`).toString('base64');
}

export function authorizeParams(opts: {
  challenge: string;
  method?: string;
  scopes?: string[];
  clientId?: string;
  state?: string;
  redirectUri?: string;
}): Record<string, string> {
  return {
    response_type: 'code',
    client_id: opts.clientId ?? CLIENT_ID,
    redirect_uri: opts.redirectUri ?? REDIRECT_URI,
    scope: (opts.scopes ?? ALL_SCOPES).join(' '),
    state: opts.state ?? randomBytes(8).toString('hex'),
    code_challenge: opts.challenge,
    code_challenge_method: opts.method ?? 'S256',
  };
}

/** Submits the consent form as a browser would; returns the redirect Location. */
export async function consent(base: string, params: Record<string, string>, choice: Record<string, string>): Promise<URL> {
  const res = await fetch(`${base}/i/oauth2/authorize`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...params, ...choice }),
    redirect: 'manual',
  });
  if (res.status !== 302) throw new Error(`consent answered ${res.status}: ${await res.text()}`);
  return new URL(res.headers.get('location') ?? '');
}

/** Runs the whole code flow (consent for `username`, code exchange with Basic auth). */
export async function signIn(base: string, username = 'alice', scopes = ALL_SCOPES): Promise<TokenResponse> {
  const { verifier, challenge } = pkce();
  const params = authorizeParams({ challenge, scopes });
  const location = await consent(base, params, { new_username: username, action: 'authorize' });
  const code = location.searchParams.get('code');
  if (!code) throw new Error(`no code in ${location.toString()}`);
  const res = await fetch(`${base}/2/oauth2/token`, {
    method: 'POST',
    headers: { authorization: basic(), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier }),
  });
  if (res.status !== 200) throw new Error(`token exchange answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as TokenResponse;
}

export interface ApiResult<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

/** A JSON call to the sandbox with a bearer token. */
export async function api<T = Record<string, unknown>>(
  base: string,
  token: string | null,
  method: string,
  path: string,
  body?: unknown,
): Promise<ApiResult<T>> {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${base}${path}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, headers: res.headers, body: parsed as T };
}

/** A tiny valid PNG of the given size (IHDR only matters for the sandbox). */
export function png(width: number, height: number, padTo = 0): Buffer {
  const header = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const ihdr = Buffer.alloc(25);
  ihdr.writeUInt32BE(13, 0);
  ihdr.write('IHDR', 4, 'latin1');
  ihdr.writeUInt32BE(width, 8);
  ihdr.writeUInt32BE(height, 12);
  ihdr.writeUInt8(8, 16);
  ihdr.writeUInt8(6, 17);
  const body = Buffer.concat([header, ihdr]);
  return padTo > body.length ? Buffer.concat([body, Buffer.alloc(padTo - body.length)]) : body;
}

/** Bytes that start like an MP4 file. */
export function mp4(size: number): Buffer {
  const b = Buffer.alloc(size);
  b.writeUInt32BE(24, 0);
  b.write('ftypisom', 4, 'latin1');
  return b;
}
