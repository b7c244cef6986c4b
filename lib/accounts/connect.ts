import { createHash, randomBytes } from 'node:crypto';
import { config } from '../config';
import { open, seal } from '../crypto';
import { db } from '../db';
import { authAccounts } from '../db/schema';
import { PROFILE_FIELDS, X_SCOPES, identityFromProfile } from '../x/profile';
import { xAppClient, xUserClient } from '../x/client';
import { ConnectError } from './connect-errors';
import { connectAccount } from './commands';
import type { AccountView } from './view';

/**
 * Connecting another X account (or reconnecting one) without changing who is signed in:
 * an OAuth 2.0 PKCE round trip of Herald's own, beside Auth.js's sign-in.
 */
export const CONNECT_COOKIE = 'herald-x-connect';
const CONNECT_TTL_MS = 10 * 60_000;

interface PendingConnect {
  userId: string;
  state: string;
  verifier: string;
  expires: number;
}

export const connectCallbackUrl = () => `${config().authUrl}/api/accounts/connect/callback`;

/** The URL of X's consent page, and the sealed cookie that remembers this attempt. */
export function startConnect(userId: string): { url: string; cookie: string } {
  const verifier = randomBytes(32).toString('base64url');
  const state = randomBytes(16).toString('base64url');
  const url = new URL(config().x.authorizeUrl);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: config().x.clientId,
    redirect_uri: connectCallbackUrl(),
    scope: X_SCOPES,
    state,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();
  const pending: PendingConnect = { userId, state, verifier, expires: Date.now() + CONNECT_TTL_MS };
  return { url: url.toString(), cookie: seal(JSON.stringify(pending), 'connect-cookie', CONNECT_COOKIE) };
}

function readPending(cookie: string | undefined): PendingConnect | null {
  if (!cookie) return null;
  try {
    return JSON.parse(open(cookie, 'connect-cookie', CONNECT_COOKIE)) as PendingConnect;
  } catch {
    return null;
  }
}

/** Checks X's answer against the attempt, exchanges the code and stores the account's tokens. */
export async function finishConnect(userId: string, params: URLSearchParams, cookie: string | undefined): Promise<AccountView> {
  const pending = readPending(cookie);
  if (!pending || pending.userId !== userId || pending.expires < Date.now()) throw new ConnectError('expired');
  if (params.get('state') !== pending.state) throw new ConnectError('state_mismatch');
  // Coded: the accounts page shows fixed sentences only, so X's own error word is not carried.
  const denied = params.get('error');
  if (denied) throw new ConnectError(denied === 'access_denied' ? 'denied' : 'refused');
  const code = params.get('code');
  if (!code) throw new ConnectError('no_code');

  const login = await xAppClient().loginWithOAuth2({ code, codeVerifier: pending.verifier, redirectUri: connectCallbackUrl() });
  const { data: me } = await xUserClient(login.accessToken).v2.me({ 'user.fields': [...PROFILE_FIELDS] });
  const identity = identityFromProfile({ data: me });
  if (!identity) throw new Error('X returned no user profile');
  const account = await connectAccount(
    userId,
    identity,
    {
      accessToken: login.accessToken,
      refreshToken: login.refreshToken,
      expiresAt: new Date(Date.now() + login.expiresIn * 1000),
      scope: login.scope.join(' '),
    },
  );
  // Any connected X account can also sign its owner in, into this same Herald user.
  await db()
    .insert(authAccounts)
    .values({ userId, type: 'oauth', provider: 'twitter', providerAccountId: me.id })
    .onConflictDoNothing();
  return account;
}
