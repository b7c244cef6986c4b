import type { NextAuthConfig } from 'next-auth';

/**
 * Auth.js's cookie settings, tied to Herald's public URL. Left alone, Auth.js decides `Secure`
 * from AUTH_URL when the variable is set, but otherwise from X-Forwarded-Proto or a guessed
 * "https", so the session cookie's flags could differ from what Herald's configuration says.
 */
export function authCookieSettings(authUrl: string): Pick<NextAuthConfig, 'useSecureCookies' | 'cookies'> {
  const secure = new URL(authUrl).protocol === 'https:';
  return {
    // Also gives the cookies their __Secure-/__Host- prefixes under https.
    useSecureCookies: secure,
    // Spelled out rather than inherited: the session cookie is never readable by scripts and never
    // sent on another site's subrequests or form posts (Lax still allows following a link to Herald).
    cookies: { sessionToken: { options: { httpOnly: true, sameSite: 'lax', path: '/', secure } } },
  };
}
