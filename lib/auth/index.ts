import { DrizzleAdapter } from '@auth/drizzle-adapter';
import NextAuth, { customFetch, type NextAuthConfig } from 'next-auth';
import type { Adapter } from 'next-auth/adapters';
import Twitter from 'next-auth/providers/twitter';
import { connectAccount } from '../accounts/commands';
import { config } from '../config';
import { db } from '../db';
import { authAccounts, sessions, users, verificationTokens } from '../db/schema';
import { authCookieSettings } from '../security/cookies';
import { PROFILE_FIELDS, X_SCOPES, identityFromProfile } from '../x/profile';

/** Auth.js would keep X tokens in plain text in `accounts`; the only copy is the encrypted one in x_accounts. */
function adapterWithoutTokens(): Adapter {
  const base = DrizzleAdapter(db(), { usersTable: users, accountsTable: authAccounts, sessionsTable: sessions, verificationTokensTable: verificationTokens });
  return {
    ...base,
    linkAccount: (account) =>
      base.linkAccount!({ ...account, access_token: undefined, refresh_token: undefined, id_token: undefined }),
  };
}

function authConfig(): NextAuthConfig {
  const c = config();
  return {
    secret: c.authSecret,
    trustHost: true,
    adapter: adapterWithoutTokens(),
    session: { strategy: 'database' },
    // HttpOnly, SameSite=Lax, and Secure exactly when AUTH_URL is https.
    ...authCookieSettings(c.authUrl),
    pages: { signIn: '/signin', error: '/signin' },
    providers: [
      // Authorize URL, token URL and userinfo together, or Auth.js builds a wrong authorize URL.
      Twitter({
        clientId: c.x.clientId,
        clientSecret: c.x.clientSecret,
        authorization: { url: c.x.authorizeUrl, params: { scope: X_SCOPES } },
        token: `${c.x.apiUrl}/2/oauth2/token`,
        userinfo: `${c.x.apiUrl}/2/users/me?user.fields=${PROFILE_FIELDS.join(',')}`,
        // Auth.js's own calls to X (the code exchange, the profile) get X_TIMEOUT_MS like every other.
        [customFetch]: (input: RequestInfo | URL, init?: RequestInit) => {
          const deadline = AbortSignal.timeout(c.xTimeouts.requestMs);
          return fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, deadline]) : deadline });
        },
      }),
    ],
    events: {
      // Auth.js does not store new tokens when a known account signs in again: do it here, encrypted.
      async signIn({ user, account, profile }) {
        if (!user.id || account?.provider !== 'twitter' || !account.access_token) return;
        const identity = identityFromProfile(profile);
        if (!identity) throw new Error('X sign-in returned no user profile');
        await connectAccount(user.id, identity, {
          accessToken: account.access_token,
          refreshToken: account.refresh_token,
          expiresAt: new Date((account.expires_at ?? Math.floor(Date.now() / 1000) + 7200) * 1000),
          scope: account.scope ?? X_SCOPES,
        });
      },
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => authConfig());
