/**
 * The sandbox never serves production by accident: it redirects only to registered callback URLs
 * (as X does), hands out tokens without the consent page only when asked to, and listens on
 * loopback unless told otherwise.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from './server';
import { ALICE, CLIENT_ID, CLIENT_SECRET, REDIRECT_URI, api, authorizeParams, pkce } from './test-support';

const HERALD_SIGN_IN = 'http://localhost:3000/api/auth/callback/twitter';
const HERALD_CONNECT = 'http://localhost:3000/api/accounts/connect/callback';

/** Near misses of Herald's sign-in callback: each must be refused (exact match, as RFC 6749 3.1.2.3). */
const NEAR_MISSES = [
  `${HERALD_SIGN_IN}/`,
  `${HERALD_SIGN_IN}?next=/`,
  'http://localhost:3001/api/auth/callback/twitter',
  'https://localhost:3000/api/auth/callback/twitter',
  'http://127.0.0.1:3000/api/auth/callback/twitter',
  'http://localhost:3000/api/auth/callback/twitter.evil.example',
  'https://evil.example/api/auth/callback/twitter',
];

function params(redirectUri: string, clientId = CLIENT_ID): Record<string, string> {
  return authorizeParams({ challenge: pkce().challenge, redirectUri, clientId, state: 'st' });
}

function authorizeGet(base: string, redirectUri: string, clientId?: string): Promise<Response> {
  return fetch(`${base}/i/oauth2/authorize?${new URLSearchParams(params(redirectUri, clientId))}`, { redirect: 'manual' });
}

function authorizePost(base: string, redirectUri: string, action: 'authorize' | 'cancel', clientId?: string): Promise<Response> {
  return fetch(`${base}/i/oauth2/authorize`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...params(redirectUri, clientId), user_id: ALICE, action }),
    redirect: 'manual',
  });
}

async function expectRefused(res: Response, redirectUri: string): Promise<void> {
  expect(res.status).toBe(400);
  expect(res.headers.get('location')).toBeNull();
  expect(res.headers.get('content-type')).toMatch(/text\/html/);
  const page = await res.text();
  expect(page).toContain('Something went wrong');
  expect(page).toContain('is not registered');
  // The page names the URI it refused but never links to it.
  expect(page).not.toContain(`href="${redirectUri}`);
}

async function expectRedirectsTo(res: Response, redirectUri: string): Promise<URL> {
  expect(res.status).toBe(302);
  const location = new URL(res.headers.get('location') ?? '');
  expect(`${location.origin}${location.pathname}`).toBe(redirectUri);
  return location;
}

describe('registered redirect URIs, by default Herald’s two callbacks at http://localhost:3000', () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await startSandbox();
  });
  afterAll(() => sb.close());

  it('shows the consent page for both of Herald’s callbacks and redirects to them with a code', async () => {
    for (const uri of [HERALD_SIGN_IN, HERALD_CONNECT]) {
      expect((await authorizeGet(sb.url, uri)).status).toBe(200);
      const location = await expectRedirectsTo(await authorizePost(sb.url, uri, 'authorize'), uri);
      expect(location.searchParams.get('code')).toBeTruthy();
      expect(location.searchParams.get('state')).toBe('st');
    }
  });

  it('refuses any other redirect_uri on GET with the error page (400)', async () => {
    for (const uri of [REDIRECT_URI, ...NEAR_MISSES]) await expectRefused(await authorizeGet(sb.url, uri), uri);
  });

  it('refuses any other redirect_uri on POST, for Authorize and Cancel alike, and issues no code', async () => {
    for (const uri of [REDIRECT_URI, ...NEAR_MISSES]) {
      await expectRefused(await authorizePost(sb.url, uri, 'authorize'), uri);
      await expectRefused(await authorizePost(sb.url, uri, 'cancel'), uri);
    }
  });
});

describe('registered redirect URIs given per client', () => {
  const OTHER = 'https://other.example/callback';
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await startSandbox({
      clients: [
        { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: [REDIRECT_URI] },
        { clientId: 'other-app', redirectUris: [OTHER] },
      ],
    });
  });
  afterAll(() => sb.close());

  it('accepts a client’s own URIs only: not the defaults, not another client’s', async () => {
    expect((await authorizeGet(sb.url, REDIRECT_URI)).status).toBe(200);
    await expectRedirectsTo(await authorizePost(sb.url, REDIRECT_URI, 'cancel'), REDIRECT_URI);
    await expectRedirectsTo(await authorizePost(sb.url, OTHER, 'authorize', 'other-app'), OTHER);
    await expectRefused(await authorizeGet(sb.url, HERALD_SIGN_IN), HERALD_SIGN_IN);
    await expectRefused(await authorizeGet(sb.url, OTHER), OTHER);
    await expectRefused(await authorizePost(sb.url, REDIRECT_URI, 'authorize', 'other-app'), REDIRECT_URI);
  });

  it('refuses to start with a registered URI that is not an absolute http(s) URL', async () => {
    for (const bad of ['/api/auth/callback/twitter', 'ftp://example.com/cb', 'http://example.com/cb#frag', 'not a url']) {
      await expect(startSandbox({ clients: [{ clientId: 'x', redirectUris: [bad] }] })).rejects.toThrow(/redirect URI/);
    }
  });
});

describe('token minting (POST /__sandbox/tokens)', () => {
  const mint = (base: string) =>
    fetch(`${base}/__sandbox/tokens`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'alice' }) });

  it('is off by default: 404 saying how to turn it on, and the control API cannot turn it on', async () => {
    const sb = await startSandbox();
    try {
      const res = await mint(sb.url);
      expect(res.status).toBe(404);
      const body = (await res.json()) as { error: string };
      expect(body.error).toContain('allowTokenMinting');
      expect(body.error).toContain('SANDBOX_ALLOW_TOKEN_MINTING=1');
      // Nothing was minted; listing tokens still works.
      const list = await api<{ access: unknown[] }>(sb.url, null, 'GET', '/__sandbox/tokens');
      expect(list.status).toBe(200);
      expect(list.body.access).toEqual([]);
      expect((await api(sb.url, null, 'POST', '/__sandbox/config', { allowTokenMinting: true })).status).toBe(400);
      await fetch(`${sb.url}/__sandbox/reset`, { method: 'POST' });
      expect((await mint(sb.url)).status).toBe(404);
    } finally {
      await sb.close();
    }
  });

  it('works with allowTokenMinting: true', async () => {
    const sb = await startSandbox({ allowTokenMinting: true });
    try {
      const res = await mint(sb.url);
      expect(res.status).toBe(200);
      const { access_token } = (await res.json()) as { access_token: string };
      const me = await api<{ data: { username: string } }>(sb.url, access_token, 'GET', '/2/users/me');
      expect(me.body.data.username).toBe('alice');
    } finally {
      await sb.close();
    }
  });
});

describe('listening address', () => {
  it('is 127.0.0.1 unless a host is given', async () => {
    const sb = await startSandbox();
    try {
      expect(sb.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    } finally {
      await sb.close();
    }
  });
});
