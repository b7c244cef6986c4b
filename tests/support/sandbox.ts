import { heraldRedirectUris } from '../../x-sandbox/redirect-uris';
import { DEFAULT_CLIENT, startSandbox, type Sandbox } from '../../x-sandbox/server';
import { connectAccount } from '../../lib/accounts/commands';
import { db } from '../../lib/db';
import { users } from '../../lib/db/schema';

export interface SandboxTweet {
  id: string;
  author_id: string;
  username: string;
  text: string;
  reply_to: string | null;
  quote_tweet_id: string | null;
  poll: { options: string[]; duration_minutes: number } | null;
  reply_settings: string | null;
  /** The JSON body X received, as sent. */
  body: unknown;
  created_at: number;
}

/**
 * Starts the X sandbox and points Herald's configuration at it (before config() is first read).
 * Herald's callbacks are registered at the AUTH_URL the tests' Herald will use, and minting is on
 * because connectSandboxUser gets its tokens that way.
 */
export async function startTestSandbox(): Promise<Sandbox> {
  const authUrl = process.env.AUTH_URL || 'http://localhost:3000';
  const sandbox = await startSandbox({
    port: 0,
    clients: [{ ...DEFAULT_CLIENT, redirectUris: heraldRedirectUris(authUrl) }],
    allowTokenMinting: true,
  });
  process.env.X_API_URL = sandbox.url;
  process.env.X_AUTHORIZE_URL = `${sandbox.url}/i/oauth2/authorize`;
  return sandbox;
}

export async function control<T = unknown>(sandbox: Sandbox, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${sandbox.url}/__sandbox${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`sandbox ${method} ${path}: ${res.status} ${await res.text()}`);
  const text = await res.text();
  return (text ? JSON.parse(text) : null) as T;
}

export async function sandboxTweets(sandbox: Sandbox, username?: string): Promise<SandboxTweet[]> {
  return control<SandboxTweet[]>(sandbox, 'GET', `/tweets${username ? `?username=${encodeURIComponent(username)}` : ''}`);
}

let counter = 0;

/**
 * A Herald user whose X account is connected with real sandbox tokens, as signing in would
 * leave it (the token response comes from the sandbox, the identity from /2/users/me).
 */
export async function connectSandboxUser(sandbox: Sandbox, username = `u${Date.now().toString(36)}${counter++}`, opts: { subscriptionType?: string } = {}) {
  await control(sandbox, 'POST', '/users', { username, ...(opts.subscriptionType ? { subscriptionType: opts.subscriptionType } : {}) });
  const tokens = await control<{ access_token: string; refresh_token: string; expires_in: number; scope: string }>(sandbox, 'POST', '/tokens', { username });
  const me = (await (await fetch(`${sandbox.url}/2/users/me?user.fields=subscription_type`, { headers: { authorization: `Bearer ${tokens.access_token}` } })).json()) as {
    data: { id: string; username: string; name: string; subscription_type: string };
  };
  const [user] = await db().insert(users).values({ name: me.data.name }).returning();
  const identity = { id: me.data.id, username: me.data.username, name: me.data.name, avatarUrl: null, subscriptionType: me.data.subscription_type };
  const account = await connectAccount(user!.id, identity, {
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token,
    expiresAt: new Date(Date.now() + tokens.expires_in * 1000),
    scope: tokens.scope,
  });
  return { user: user!, account, xUserId: me.data.id, tokens };
}
