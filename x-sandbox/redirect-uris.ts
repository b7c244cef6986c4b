/**
 * Registered redirect URIs (X calls them callback URLs): X sends the browser, with a code, only to
 * a URL registered for the app. This module has no dependencies so that scripts/run.ts can use it
 * without bundling the sandbox.
 */

/** The two routes where Herald receives X's redirect: signing in (Auth.js) and connecting more accounts. */
export const HERALD_CALLBACK_PATHS = ['/api/auth/callback/twitter', '/api/accounts/connect/callback'] as const;

/** Herald's callbacks for Herald served at `baseUrl` (its AUTH_URL). */
export function heraldRedirectUris(baseUrl: string): string[] {
  // Herald drops a trailing slash from AUTH_URL before appending its paths; do the same.
  const base = baseUrl.replace(/\/+$/, '');
  return HERALD_CALLBACK_PATHS.map((p) => `${base}${p}`);
}

/** What a sandbox client accepts when no list is given: Herald at its default URL. */
export const DEFAULT_REDIRECT_URIS: readonly string[] = heraldRedirectUris('http://localhost:3000');

/** Why `uri` cannot be registered (undefined when it can): an absolute http(s) URL without a fragment. */
export function redirectUriProblem(uri: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(uri);
  } catch {
    return `redirect URI "${uri}" is not an absolute URL`;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return `redirect URI "${uri}" must be http or https`;
  if (parsed.hash || uri.includes('#')) return `redirect URI "${uri}" must not have a fragment`;
  return undefined;
}

/** `SANDBOX_REDIRECT_URIS`: comma-separated URLs (blank items are ignored). Throws on an invalid one. */
export function parseRedirectUris(raw: string): string[] {
  const uris = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (uris.length === 0) throw new Error('lists no URL');
  for (const uri of uris) {
    const problem = redirectUriProblem(uri);
    if (problem) throw new Error(problem);
  }
  return uris;
}
