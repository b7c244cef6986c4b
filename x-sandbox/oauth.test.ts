import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from './clock';
import { startSandbox, type Sandbox } from './server';
import {
  ALICE,
  CLIENT_ID,
  REDIRECT_URI,
  api,
  authorizeParams,
  basic,
  consent,
  pkce,
  signIn,
  type TokenResponse,
} from './test-support';

let sb: Sandbox;
// Codes and tokens expire by this clock, which the tests move instead of waiting.
const clock = new ManualClock();
const INVALID_TOKEN = { error: 'invalid_request', error_description: 'Value passed for the token was invalid.' };

beforeAll(async () => {
  sb = await startSandbox({
    clock,
    clients: [
      { clientId: CLIENT_ID, clientSecret: 'herald-sandbox-secret', redirectUris: [REDIRECT_URI] },
      { clientId: 'public-app', redirectUris: [REDIRECT_URI] },
    ],
  });
});
afterAll(() => sb.close());
beforeEach(async () => {
  await fetch(`${sb.url}/__sandbox/reset`, { method: 'POST' });
  await fetch(`${sb.url}/__sandbox/config`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ codeTtlSeconds: 30 }) });
});

async function getCode(opts: { method?: string; scopes?: string[]; clientId?: string; challenge?: string } = {}) {
  const p = pkce();
  const challenge = opts.challenge ?? (opts.method === 'plain' ? p.verifier : p.challenge);
  const params = authorizeParams({ challenge, ...(opts.method ? { method: opts.method } : {}), ...(opts.scopes ? { scopes: opts.scopes } : {}), ...(opts.clientId ? { clientId: opts.clientId } : {}) });
  const loc = await consent(sb.url, params, { user_id: ALICE, action: 'authorize' });
  return { code: loc.searchParams.get('code') ?? '', state: loc.searchParams.get('state'), params, verifier: p.verifier, loc };
}

function tokenForm(fields: Record<string, string>, auth = true): Promise<Response> {
  return fetch(`${sb.url}/2/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(auth ? { authorization: basic() } : {}) },
    body: new URLSearchParams(fields),
  });
}

function tokenJson(fields: Record<string, string>, auth = true): Promise<Response> {
  return fetch(`${sb.url}/2/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(auth ? { authorization: basic() } : {}) },
    body: JSON.stringify(fields),
  });
}

describe('authorize page', () => {
  it('shows the consent page with scopes, accounts, a new-username field and the Authorize app button', async () => {
    const { challenge } = pkce();
    const res = await fetch(`${sb.url}/i/oauth2/authorize?${new URLSearchParams(authorizeParams({ challenge }))}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const page = await res.text();
    expect(page).toContain('<code>tweet.write</code>');
    expect(page).toContain('<code>offline.access</code>');
    expect(page).toMatch(/<input type="radio" name="user_id" id="user-1000000000000000001" value="1000000000000000001" checked> <label for="user-1000000000000000001">@alice \(Alice Example\)<\/label>/);
    expect(page).toContain('@bob (Bob Example)');
    expect(page).toContain('@herald_admin');
    expect(page).toMatch(/<label for="new_username">Or a new username<\/label>/);
    expect(page).toMatch(/<button[^>]*value="authorize">Authorize app<\/button>/);
    expect(page).toMatch(/<button[^>]*value="cancel">Cancel<\/button>/);
  });

  it('refuses an unknown client with an error page (400)', async () => {
    const { challenge } = pkce();
    const res = await fetch(`${sb.url}/i/oauth2/authorize?${new URLSearchParams(authorizeParams({ challenge, clientId: 'nope' }))}`);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Unknown client_id');
  });

  it('refuses unknown scopes, a missing code_challenge and a bad response_type', async () => {
    const { challenge } = pkce();
    const base = authorizeParams({ challenge });
    const bads: Record<string, string>[] = [{ scope: 'tweet.read nonsense.scope' }, { code_challenge: '' }, { response_type: 'token' }, { redirect_uri: 'not a url' }];
    for (const bad of bads) {
      const res = await fetch(`${sb.url}/i/oauth2/authorize?${new URLSearchParams({ ...base, ...bad })}`);
      expect(res.status).toBe(400);
    }
  });

  it('Cancel redirects back with error=access_denied and the state', async () => {
    const { challenge } = pkce();
    const params = authorizeParams({ challenge, state: 'xyz' });
    const loc = await consent(sb.url, params, { user_id: ALICE, action: 'cancel' });
    expect(`${loc.origin}${loc.pathname}`).toBe(REDIRECT_URI);
    expect(loc.searchParams.get('error')).toBe('access_denied');
    expect(loc.searchParams.get('state')).toBe('xyz');
    expect(loc.searchParams.get('code')).toBeNull();
  });

  it('"Or a new username" creates a sandbox user who then signs in', async () => {
    const tokens = await signIn(sb.url, 'dana_new');
    const me = await api<{ data: { id: string; username: string } }>(sb.url, tokens.access_token, 'GET', '/2/users/me');
    expect(me.status).toBe(200);
    expect(me.body.data.username).toBe('dana_new');
    expect(me.body.data.id).toMatch(/^\d{15,19}$/);
    const users = (await (await fetch(`${sb.url}/__sandbox/users`)).json()) as { username: string }[];
    expect(users.map((u) => u.username)).toContain('dana_new');
  });

  it('rejects an invalid new username and re-shows the page', async () => {
    const { challenge } = pkce();
    const res = await fetch(`${sb.url}/i/oauth2/authorize`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...authorizeParams({ challenge }), new_username: 'not valid!', action: 'authorize' }),
      redirect: 'manual',
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Authorize app');
  });
});

describe('code exchange (PKCE)', () => {
  it('redirects with state and code, and exchanges a form body with Basic auth', async () => {
    const { code, state, params, verifier } = await getCode();
    expect(state).toBe(params.state);
    expect(code.length).toBeGreaterThan(20);
    const res = await tokenForm({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier });
    expect(res.status).toBe(200);
    const body = (await res.json()) as TokenResponse;
    expect(Object.keys(body)).toEqual(['token_type', 'expires_in', 'access_token', 'scope', 'refresh_token']);
    expect(body.token_type).toBe('bearer');
    expect(body.expires_in).toBe(7200);
    expect(body.scope).toBe('tweet.read tweet.write users.read media.write offline.access');
    const me = await api<{ data: { id: string } }>(sb.url, body.access_token, 'GET', '/2/users/me');
    expect(me.body.data.id).toBe(ALICE);
  });

  it('exchanges a JSON body too', async () => {
    const { code, verifier } = await getCode();
    const res = await tokenJson({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier, client_id: CLIENT_ID });
    expect(res.status).toBe(200);
    expect(((await res.json()) as TokenResponse).access_token).toBeTruthy();
  });

  it('refuses a code used twice, with X’s body', async () => {
    const { code, verifier } = await getCode();
    const fields = { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier };
    expect((await tokenForm(fields)).status).toBe(200);
    const again = await tokenForm(fields);
    expect(again.status).toBe(400);
    expect(await again.json()).toEqual(INVALID_TOKEN);
  });

  it('refuses a wrong code_verifier, and the code is spent afterwards', async () => {
    const { code, verifier } = await getCode();
    const wrong = await tokenForm({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: 'x'.repeat(43) });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toEqual(INVALID_TOKEN);
    const right = await tokenForm({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier });
    expect(right.status).toBe(400);
  });

  it('refuses an expired code', async () => {
    await fetch(`${sb.url}/__sandbox/config`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ codeTtlSeconds: 1 }) });
    const { code, verifier } = await getCode();
    clock.advance(1_000);
    const res = await tokenForm({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual(INVALID_TOKEN);
  });

  it('codes are valid 30 seconds by default', async () => {
    const before = Date.now();
    await getCode();
    const res = await fetch(`${sb.url}/__sandbox/config`);
    expect(((await res.json()) as { codeTtlSeconds: number }).codeTtlSeconds).toBe(30);
    expect(Date.now() - before).toBeLessThan(30_000);
  });

  it('refuses a redirect_uri other than the one authorized', async () => {
    const { code, verifier } = await getCode();
    const res = await tokenForm({ grant_type: 'authorization_code', code, redirect_uri: 'http://127.0.0.1:3999/other', code_verifier: verifier });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual(INVALID_TOKEN);
  });

  it('supports the plain method', async () => {
    const { code, verifier } = await getCode({ method: 'plain' });
    const res = await tokenForm({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier });
    expect(res.status).toBe(200);
  });

  it('gives no refresh token without offline.access', async () => {
    const { code, verifier } = await getCode({ scopes: ['tweet.read', 'users.read'] });
    const res = await tokenForm({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier });
    const body = (await res.json()) as TokenResponse;
    expect(body.refresh_token).toBeUndefined();
    expect(body.scope).toBe('tweet.read users.read');
  });

  it('public clients send client_id in the body without Basic auth', async () => {
    const { code, verifier } = await getCode({ clientId: 'public-app' });
    const res = await tokenForm({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier, client_id: 'public-app' }, false);
    expect(res.status).toBe(200);
  });

  it('a confidential client must use Basic auth; a wrong secret is refused', async () => {
    const { code, verifier } = await getCode();
    const fields = { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier, client_id: CLIENT_ID };
    const noBasic = await tokenForm({ ...fields, client_secret: 'herald-sandbox-secret' }, false);
    expect(noBasic.status).toBe(401);
    expect(await noBasic.json()).toEqual({ error: 'unauthorized_client', error_description: 'Missing valid authorization header' });
    const wrong = await fetch(`${sb.url}/2/oauth2/token`, {
      method: 'POST',
      headers: { authorization: basic(CLIENT_ID, 'wrong'), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields),
    });
    expect(wrong.status).toBe(401);
    const missing = await tokenForm({ grant_type: 'authorization_code', code }, false);
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({ error: 'invalid_request', error_description: 'Missing required parameter [client_id].' });
  });
});

describe('refresh tokens', () => {
  it('rotate: each refresh returns a new pair and the old refresh token is dead at once', async () => {
    const first = await signIn(sb.url, 'alice');
    const r1 = await tokenForm({ grant_type: 'refresh_token', refresh_token: first.refresh_token ?? '' });
    expect(r1.status).toBe(200);
    const second = (await r1.json()) as TokenResponse;
    expect(second.refresh_token).toBeTruthy();
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(second.access_token).not.toBe(first.access_token);
    expect(second.scope).toBe(first.scope);

    const reuse = await tokenForm({ grant_type: 'refresh_token', refresh_token: first.refresh_token ?? '' });
    expect(reuse.status).toBe(400);
    expect(await reuse.text()).toBe(JSON.stringify(INVALID_TOKEN));

    // JSON body, with client_id, works for the new one.
    const r2 = await tokenJson({ grant_type: 'refresh_token', refresh_token: second.refresh_token ?? '', client_id: CLIENT_ID });
    expect(r2.status).toBe(200);
    // The new access token works; the one before the refresh stays valid until it expires.
    expect((await api(sb.url, second.access_token, 'GET', '/2/users/me')).status).toBe(200);
    expect((await api(sb.url, first.access_token, 'GET', '/2/users/me')).status).toBe(200);
  });

  it('an unknown refresh token gets X’s body', async () => {
    const res = await tokenForm({ grant_type: 'refresh_token', refresh_token: 'nope' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual(INVALID_TOKEN);
  });

  it('/__sandbox/tokens/revoke-refresh kills a user’s refresh tokens (reconnect needed)', async () => {
    const alice = await signIn(sb.url, 'alice');
    const bob = await signIn(sb.url, 'bob');
    const r = await fetch(`${sb.url}/__sandbox/tokens/revoke-refresh`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId: ALICE }) });
    expect(await r.json()).toMatchObject({ revokedRefresh: 1 });
    expect((await tokenForm({ grant_type: 'refresh_token', refresh_token: alice.refresh_token ?? '' })).status).toBe(400);
    expect((await tokenForm({ grant_type: 'refresh_token', refresh_token: bob.refresh_token ?? '' })).status).toBe(200);
  });
});

describe('revoke', () => {
  it('answers {"revoked":true} and the access token stops working', async () => {
    const t = await signIn(sb.url, 'alice');
    const res = await fetch(`${sb.url}/2/oauth2/revoke`, {
      method: 'POST',
      headers: { authorization: basic(), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: t.access_token, token_type_hint: 'access_token' }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ revoked: true });
    const me = await api(sb.url, t.access_token, 'GET', '/2/users/me');
    expect(me.status).toBe(401);
  });

  it('revoking a refresh token ends the grant', async () => {
    const t = await signIn(sb.url, 'alice');
    const res = await fetch(`${sb.url}/2/oauth2/revoke`, {
      method: 'POST',
      headers: { authorization: basic(), 'content-type': 'application/json' },
      body: JSON.stringify({ token: t.refresh_token, token_type_hint: 'refresh_token' }),
    });
    expect(await res.json()).toEqual({ revoked: true });
    expect((await tokenForm({ grant_type: 'refresh_token', refresh_token: t.refresh_token ?? '' })).status).toBe(400);
    expect((await api(sb.url, t.access_token, 'GET', '/2/users/me')).status).toBe(401);
  });
});

describe('consent page: X Premium', () => {
  it('offers the subscription choice, and the chosen one is what /2/users/me answers', async () => {
    const { challenge } = pkce();
    const params = authorizeParams({ challenge });
    const page = await (await fetch(`${sb.url}/i/oauth2/authorize?${new URLSearchParams(params)}`)).text();
    expect(page).toContain('<option value="Premium">Premium</option>');

    const token = async (choice: Record<string, string>) => {
      const p = pkce();
      const loc = await consent(sb.url, authorizeParams({ challenge: p.challenge }), { user_id: ALICE, action: 'authorize', ...choice });
      const res = await tokenForm({ grant_type: 'authorization_code', code: loc.searchParams.get('code') ?? '', redirect_uri: REDIRECT_URI, code_verifier: p.verifier });
      return ((await res.json()) as TokenResponse).access_token;
    };
    const typeOf = async (access: string) =>
      (await api<{ data: { subscription_type?: string } }>(sb.url, access, 'GET', '/2/users/me?user.fields=subscription_type')).body.data.subscription_type;
    expect(await typeOf(await token({ subscription_type: 'Premium' }))).toBe('Premium');
    // Left as it is unless chosen again.
    expect(await typeOf(await token({}))).toBe('Premium');
    expect(await typeOf(await token({ subscription_type: 'None' }))).toBe('None');
  });
});
