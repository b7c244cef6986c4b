/**
 * Herald's Content-Security-Policy, built per request around a nonce. Next reads the nonce back
 * from the request's policy while rendering and puts it on every script it emits, so no inline
 * script runs unless Next wrote it for this very response.
 */

export interface CspOptions {
  /** Base64, fresh for every response. */
  nonce: string;
  /** `next dev`: React's dev tooling uses eval, and dev-mode styles are injected without a nonce. */
  development: boolean;
  /** Where a form may go besides Herald: sign-in posts a form whose answer redirects to X's consent page. */
  formActionOrigins: readonly string[];
  /** Where images may come from besides Herald: X's avatar hosts, the sandbox's avatars. */
  imageOrigins: readonly string[];
  /** Herald is served over HTTPS: have the browser fetch any stray http: subresource over https. */
  upgradeInsecureRequests: boolean;
}

const NONCE = /^[A-Za-z0-9+/]{16,}={0,2}$/;

/** Distinct `scheme://host[:port]` sources; anything that is not an http(s) URL is dropped. */
function origins(values: readonly string[]): string[] {
  const out = new Set<string>();
  for (const value of values) {
    try {
      const url = new URL(value);
      if (url.protocol === 'http:' || url.protocol === 'https:') out.add(url.origin);
    } catch {
      // not a URL: never put free text into a header
    }
  }
  return [...out];
}

export function contentSecurityPolicy(options: CspOptions): string {
  // A nonce is pasted into a header: refuse anything that could end a directive.
  if (!NONCE.test(options.nonce)) throw new Error('CSP nonce must be base64 of at least 12 random bytes');
  const nonce = `'nonce-${options.nonce}'`;
  const directives: [string, ...string[]][] = [
    ['default-src', "'self'"],
    ['script-src', "'self'", nonce, ...(options.development ? ["'unsafe-eval'"] : [])],
    // A nonce makes browsers ignore 'unsafe-inline', so dev (nonce-less injected styles) gets it instead.
    ['style-src', "'self'", ...(options.development ? ["'unsafe-inline'"] : [nonce])],
    // style="" attributes cannot carry a nonce: server-rendered avatars and react-big-calendar's
    // event boxes (position and size) use them. Attributes cannot run code; <style> elements stay nonce-only.
    ['style-src-attr', "'unsafe-inline'"],
    // data: and blob: for the composer's previews of files not yet uploaded.
    ['img-src', "'self'", 'data:', 'blob:', ...origins(options.imageOrigins)],
    ['font-src', "'self'"],
    ['connect-src', "'self'"],
    ['object-src', "'none'"],
    ['base-uri', "'self'"],
    ['form-action', "'self'", ...origins(options.formActionOrigins)],
    ['frame-ancestors', "'none'"],
  ];
  if (options.upgradeInsecureRequests) directives.push(['upgrade-insecure-requests']);
  return directives.map((d) => d.join(' ')).join('; ');
}
