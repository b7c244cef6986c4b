/**
 * OAuth 2.0 Authorization Code Flow with PKCE, as X runs it:
 * - GET/POST /i/oauth2/authorize (consent page; codes live 30 s, single use)
 * - POST /2/oauth2/token (authorization_code and refresh_token grants; refresh tokens rotate)
 * - POST /2/oauth2/revoke
 * Token bodies may be form-encoded (X's docs) or JSON (twitter-api-v2); confidential clients
 * authenticate with HTTP Basic, public clients send client_id in the body.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Ctx } from './context';
import { renderConsentPage, renderErrorPage, type AuthorizeParams } from './consent-page';
import { fieldsOf, html, json, redirect, type Reply } from './http-util';
import { randomToken } from './ids';
import { SCOPES } from './openapi';
import {
  invalidTokenValue,
  missingAuthorizationHeader,
  missingParameter,
  oauthError,
} from './problems';
import { SUBSCRIPTION_TYPES, type SandboxClient, type SandboxState, type SandboxUser } from './state';

const USERNAME_RE = /^[A-Za-z0-9_]{1,15}$/;

function errorPage(reason: string): Reply {
  return html(400, renderErrorPage(reason));
}

type Validated = { ok: true; params: AuthorizeParams; scopes: string[]; method: 'S256' | 'plain' } | { ok: false; reply: Reply };

function validateAuthorize(state: SandboxState, input: Record<string, string>): Validated {
  const clientId = input.client_id ?? '';
  if (!clientId) return { ok: false, reply: errorPage('Missing client_id.') };
  const client = state.clients.get(clientId);
  if (!client) return { ok: false, reply: errorPage(`Unknown client_id "${clientId}".`) };
  const redirectUri = input.redirect_uri ?? '';
  if (!redirectUri) return { ok: false, reply: errorPage('Missing redirect_uri.') };
  // As X does: only the app's registered callback URLs, compared exactly (RFC 6749, 3.1.2.3).
  // Otherwise a link to this page could send a user's code (or `access_denied`) anywhere.
  if (!client.redirectUris.includes(redirectUri)) return { ok: false, reply: errorPage(unregistered(client, redirectUri)) };
  if (input.response_type !== 'code') return { ok: false, reply: errorPage('response_type must be "code".') };
  const scopes = [...new Set((input.scope ?? '').split(/[\s+]+/).filter(Boolean))];
  if (scopes.length === 0) return { ok: false, reply: errorPage('Missing scope.') };
  const unknown = scopes.filter((s) => !(s in SCOPES));
  if (unknown.length) return { ok: false, reply: errorPage(`Unknown scope: ${unknown.join(', ')}.`) };
  const st = input.state ?? '';
  if (!st) return { ok: false, reply: errorPage('Missing state.') };
  if (st.length > 500) return { ok: false, reply: errorPage('state is longer than 500 characters.') };
  const challenge = input.code_challenge ?? '';
  if (!challenge) return { ok: false, reply: errorPage('Missing code_challenge.') };
  const rawMethod = input.code_challenge_method ?? 'plain';
  const method = rawMethod.toLowerCase() === 's256' ? 'S256' : rawMethod.toLowerCase() === 'plain' ? 'plain' : null;
  if (!method) return { ok: false, reply: errorPage('code_challenge_method must be S256 or plain.') };
  return {
    ok: true,
    scopes,
    method,
    params: {
      response_type: 'code',
      client_id: clientId,
      redirect_uri: redirectUri,
      scope: scopes.join(' '),
      state: st,
      code_challenge: challenge,
      code_challenge_method: rawMethod,
    },
  };
}

function unregistered(client: SandboxClient, redirectUri: string): string {
  const registered = client.redirectUris.length ? client.redirectUris.join(', ') : 'none';
  return (
    `redirect_uri "${redirectUri}" is not registered for client_id "${client.clientId}" (registered: ${registered}). ` +
    'Register it with SANDBOX_REDIRECT_URIS (x-sandbox/main.ts) or the clients option of startSandbox.'
  );
}

function sortedUsers(state: SandboxState): SandboxUser[] {
  return [...state.users.values()];
}

function withQuery(uri: string, params: Record<string, string>): string {
  const u = new URL(uri);
  for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
  return u.toString();
}

export function authorizePage(ctx: Ctx): Reply {
  const input: Record<string, string> = {};
  for (const [k, v] of ctx.url.searchParams) input[k] = v;
  const v = validateAuthorize(ctx.state, input);
  if (!v.ok) return v.reply;
  return html(200, renderConsentPage({ params: v.params, scopes: v.scopes, users: sortedUsers(ctx.state) }), {
    'cache-control': 'no-store',
  });
}

export function authorizeSubmit(ctx: Ctx): Reply {
  const input = fieldsOf(ctx.parsed);
  if (!input) return errorPage('Unreadable form.');
  const v = validateAuthorize(ctx.state, input);
  if (!v.ok) return v.reply;
  const { params } = v;
  if (input.action === 'cancel') {
    return redirect(withQuery(params.redirect_uri, { error: 'access_denied', state: params.state }));
  }
  let user: SandboxUser | undefined;
  const newName = (input.new_username ?? '').trim().replace(/^@/, '');
  if (newName) {
    if (!USERNAME_RE.test(newName)) {
      return html(
        400,
        renderConsentPage({
          params,
          scopes: v.scopes,
          users: sortedUsers(ctx.state),
          error: 'A username has 1 to 15 letters, digits or underscores.',
        }),
      );
    }
    user = ctx.state.userByUsername(newName) ?? ctx.state.addUser({ username: newName });
  } else if (input.user_id) {
    user = ctx.state.users.get(input.user_id);
  } else if (input.username) {
    user = ctx.state.userByUsername(input.username);
  }
  if (!user) {
    return html(
      400,
      renderConsentPage({ params, scopes: v.scopes, users: sortedUsers(ctx.state), error: 'Pick an account to sign in with.' }),
    );
  }
  // The consent page can give the account X Premium, or take it away (its subscription_type).
  const subscription = SUBSCRIPTION_TYPES.find((t) => t === input.subscription_type);
  if (subscription) {
    user.subscriptionType = subscription;
    ctx.state.changed();
  }
  pruneCodes(ctx.state);
  const code = randomToken(48);
  ctx.state.codes.set(code, {
    code,
    clientId: params.client_id,
    redirectUri: params.redirect_uri,
    codeChallenge: params.code_challenge,
    codeChallengeMethod: v.method,
    scopes: v.scopes,
    userId: user.id,
    expiresAtMs: ctx.state.clock.now() + ctx.state.config.codeTtlSeconds * 1000,
    used: false,
  });
  return redirect(withQuery(params.redirect_uri, { state: params.state, code }));
}

function pruneCodes(state: SandboxState): void {
  const now = state.clock.now();
  for (const [k, c] of state.codes) if (c.expiresAtMs + 60_000 < now) state.codes.delete(k);
}

// ---- token endpoint ------------------------------------------------------------------------

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function decodeComponent(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/** Client authentication: HTTP Basic for confidential clients, `client_id` in the body for public ones. */
function authenticateClient(ctx: Ctx, fields: Record<string, string>): SandboxClient | Reply {
  const header = ctx.req.headers.authorization;
  if (header && /^Basic\s+/i.test(header)) {
    const decoded = Buffer.from(header.replace(/^Basic\s+/i, '').trim(), 'base64').toString('utf8');
    const idx = decoded.indexOf(':');
    if (idx < 0) return missingAuthorizationHeader();
    const id = decodeComponent(decoded.slice(0, idx));
    const secret = decodeComponent(decoded.slice(idx + 1));
    const client = ctx.state.clients.get(id);
    if (!client || client.clientSecret === undefined || !safeEqual(client.clientSecret, secret)) {
      return missingAuthorizationHeader();
    }
    return client;
  }
  const id = fields.client_id;
  if (!id) return missingParameter('client_id');
  const client = ctx.state.clients.get(id);
  if (!client) return oauthError(401, 'invalid_client', 'Client authentication failed.');
  // A confidential client must authenticate with its secret in the Authorization header.
  if (client.clientSecret !== undefined) return missingAuthorizationHeader();
  return client;
}

function tokenResponse(ctx: Ctx, client: SandboxClient, userId: string, scopes: string[], grantId: string): Reply {
  const now = ctx.state.clock.now();
  const ttl = ctx.state.config.accessTokenTtlSeconds;
  const access = randomToken(48);
  ctx.state.accessTokens.set(access, {
    token: access,
    clientId: client.clientId,
    userId,
    scopes,
    expiresAtMs: now + ttl * 1000,
    grantId,
    issuedAtMs: now,
  });
  const body: Record<string, string | number> = {
    token_type: 'bearer',
    expires_in: ttl,
    access_token: access,
    scope: scopes.join(' '),
  };
  if (scopes.includes('offline.access')) {
    const refresh = randomToken(48);
    ctx.state.refreshTokens.set(refresh, { token: refresh, clientId: client.clientId, userId, scopes, grantId, issuedAtMs: now });
    body.refresh_token = refresh;
  }
  ctx.state.changed();
  return json(200, body, { 'cache-control': 'no-store', pragma: 'no-cache' });
}

/** Mints tokens for a user directly (control API), as if the user had authorized `clientId`. */
export function mintTokens(ctx: Ctx, client: SandboxClient, userId: string, scopes: string[]): Reply {
  return tokenResponse(ctx, client, userId, scopes, randomToken(12));
}

function verifierMatches(method: 'S256' | 'plain', challenge: string, verifier: string): boolean {
  if (method === 'plain') return safeEqual(challenge, verifier);
  const digest = createHash('sha256').update(verifier).digest('base64url');
  return safeEqual(challenge, digest);
}

export function token(ctx: Ctx): Reply {
  const fields = fieldsOf(ctx.parsed);
  if (!fields) return oauthError(400, 'invalid_request', 'Request body could not be parsed.');
  const client = authenticateClient(ctx, fields);
  if ('status' in client) return client;
  const grantType = fields.grant_type;
  if (!grantType) return missingParameter('grant_type');

  if (grantType === 'authorization_code') {
    for (const name of ['code', 'redirect_uri', 'code_verifier'] as const) {
      if (!fields[name]) return missingParameter(name);
    }
    const code = ctx.state.codes.get(fields.code ?? '');
    if (!code) return invalidTokenValue();
    if (code.used || code.expiresAtMs <= ctx.state.clock.now()) return invalidTokenValue();
    // A code is single use, whether or not this attempt succeeds.
    code.used = true;
    if (code.clientId !== client.clientId) return invalidTokenValue();
    if (code.redirectUri !== fields.redirect_uri) return invalidTokenValue();
    if (!verifierMatches(code.codeChallengeMethod, code.codeChallenge, fields.code_verifier ?? '')) return invalidTokenValue();
    return tokenResponse(ctx, client, code.userId, code.scopes, randomToken(12));
  }

  if (grantType === 'refresh_token') {
    const value = fields.refresh_token;
    if (!value) return missingParameter('refresh_token');
    const rt = ctx.state.refreshTokens.get(value);
    if (!rt || rt.clientId !== client.clientId) return invalidTokenValue();
    if (!ctx.state.users.has(rt.userId)) return invalidTokenValue();
    // Rotation: the presented refresh token dies now; the new pair continues the same grant.
    ctx.state.refreshTokens.delete(value);
    return tokenResponse(ctx, client, rt.userId, rt.scopes, rt.grantId);
  }

  return oauthError(400, 'unsupported_grant_type', `Value passed for the grant_type was invalid.`);
}

export function revoke(ctx: Ctx): Reply {
  const fields = fieldsOf(ctx.parsed);
  if (!fields) return oauthError(400, 'invalid_request', 'Request body could not be parsed.');
  const client = authenticateClient(ctx, fields);
  if ('status' in client) return client;
  const value = fields.token;
  if (!value) return missingParameter('token');
  const access = ctx.state.accessTokens.get(value);
  if (access && access.clientId === client.clientId) {
    ctx.state.accessTokens.delete(value);
    ctx.state.changed();
  }
  const refresh = ctx.state.refreshTokens.get(value);
  if (refresh && refresh.clientId === client.clientId) {
    // Revoking a refresh token ends the grant (RFC 7009 section 2.1).
    ctx.state.revokeGrant(refresh.grantId);
  }
  return json(200, { revoked: true });
}
