import { NextResponse, type NextRequest } from 'next/server';
import { config as heraldConfig } from './lib/config';
import { newNonce, securityHeaders } from './lib/security/headers';
import { crossOriginRefusal } from './lib/security/origin';

/**
 * Runs before every route (Next 16's request proxy): the one place every response gets its
 * security headers and every API write its origin check, so no route handler can forget them.
 * Page POSTs are server actions, which Next itself refuses from another origin.
 */
export function proxy(request: NextRequest): NextResponse {
  const c = heraldConfig();
  const headers = securityHeaders(c, newNonce());

  const { pathname } = request.nextUrl;
  const api = pathname === '/api' || pathname.startsWith('/api/');
  // Next answers a path whose %-escapes are not UTF-8 (`/api/v1/posts/%ED%A0%80`) with a 500 while
  // matching its `[id]`: such a URL names nothing, and the client is told so.
  if (!decodes(pathname)) {
    const error = 'The URL is not valid: a %-escape in its path is not UTF-8 text.';
    return withHeaders(api ? NextResponse.json({ error }, { status: 400 }) : new NextResponse(error, { status: 400 }), headers);
  }
  if (api) {
    const refusal = crossOriginRefusal(
      { method: request.method, origin: request.headers.get('origin'), fetchSite: request.headers.get('sec-fetch-site') },
      c.authUrl,
    );
    if (refusal) return withHeaders(NextResponse.json({ error: refusal }, { status: 403 }), headers);
  }

  // Next reads the nonce from the request's policy while rendering and puts it on its scripts.
  const forwarded = new Headers(request.headers);
  forwarded.set('content-security-policy', headers['Content-Security-Policy']!);
  return withHeaders(NextResponse.next({ request: { headers: forwarded } }), headers);
}

function decodes(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

function withHeaders(response: NextResponse, headers: Record<string, string>): NextResponse {
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: [
    // Everything: pages, API, static files... except the media upload, which comes next.
    '/((?!api/v1/media$).*)',
    // Next holds back a proxied request until its whole body has arrived, keeping up to 10 MB of
    // it (proxyClientMaxBodySize) and dropping the rest. An upload streams up to 512 MB, so it
    // meets the proxy only when it may be refused: a browser reporting another site, or an
    // Origin without Sec-Fetch-Site. Herald's own composer (same-origin) and API clients (neither
    // header) stream straight to the route; next.config.ts gives those answers their headers.
    { source: '/api/v1/media', has: [{ type: 'header', key: 'sec-fetch-site', value: '(?:cross-site|same-site)' }] },
    { source: '/api/v1/media', has: [{ type: 'header', key: 'origin' }], missing: [{ type: 'header', key: 'sec-fetch-site' }] },
  ],
};
