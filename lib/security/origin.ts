/**
 * Cross-site request forgery defence for Herald's API: a request that can change something is
 * refused when the browser says it comes from another site. Pure, so the proxy and tests share it.
 */

/** Methods that only read: a browser may send them from anywhere (CORS keeps the answer from other sites). */
const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface OriginSignals {
  method: string;
  /** The `Origin` header, or null when the request has none. */
  origin: string | null;
  /** The `Sec-Fetch-Site` header (browsers set it, pages cannot forge it), or null. */
  fetchSite: string | null;
}

/** `scheme://host[:port]` as browsers serialise it (lower case, no default port), or null when not a URL. */
function serialisedOrigin(value: string): string | null {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
  } catch {
    return null;
  }
}

/**
 * Why this request must be refused with 403, or null to let it through.
 * - Safe methods pass.
 * - An `Origin` decides when present: only Herald's own passes (`null`, sent by sandboxed frames
 *   and after cross-origin redirects, is another origin).
 * - Without `Origin`, `Sec-Fetch-Site: cross-site | same-site` is a browser telling us the page
 *   that sent it is not Herald's; `same-origin` and `none` (typed by the person) pass.
 * - Neither header: not a browser (curl, server-to-server API clients), which carry no victim's
 *   cookies, so there is nothing to forge.
 */
export function crossOriginRefusal(request: OriginSignals, ownOrigin: string): string | null {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return null;
  const own = serialisedOrigin(ownOrigin);
  if (request.origin !== null) {
    const origin = request.origin.trim();
    if (own !== null && serialisedOrigin(origin) === own) return null;
    return `Refused: this ${request.method.toUpperCase()} came from another origin (${origin.slice(0, 100)}). Change data from Herald's own pages (${own ?? ownOrigin}), or call the API from a server without an Origin header.`;
  }
  const site = request.fetchSite?.trim().toLowerCase();
  if (site === 'cross-site' || site === 'same-site') {
    return `Refused: the browser reports this ${request.method.toUpperCase()} came from another site (Sec-Fetch-Site: ${site}). Change data from Herald's own pages (${own ?? ownOrigin}).`;
  }
  return null;
}
