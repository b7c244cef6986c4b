import type { Config } from '../config';
import { contentSecurityPolicy } from './csp';

/** X serves avatars from pbs.twimg.com, and the default (no photo) avatar from abs.twimg.com. */
export const X_IMAGE_ORIGINS = ['https://pbs.twimg.com', 'https://abs.twimg.com'] as const;

/** Headers that do not depend on the request or the configuration. */
export const STATIC_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
};

/** One year; no includeSubDomains: Herald may share a parent domain with sites it knows nothing about. */
export const HSTS = 'max-age=31536000';

export type SecurityConfig = Pick<Config, 'env' | 'authUrl'> & { x: Pick<Config['x'], 'authorizeUrl' | 'sandbox'> };

const isHttps = (url: string) => url.toLowerCase().startsWith('https:');

/** A fresh CSP nonce: 16 random bytes, base64 (Web Crypto: works in any runtime the proxy runs in). */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

export function policyFor(c: SecurityConfig, nonce: string): string {
  return contentSecurityPolicy({
    nonce,
    development: c.env === 'development',
    formActionOrigins: [c.x.authorizeUrl],
    // In sandbox mode avatars are served by the sandbox, at the origin browsers reach it on.
    imageOrigins: [...X_IMAGE_ORIGINS, ...(c.x.sandbox ? [c.x.authorizeUrl] : [])],
    // Not with the sandbox: it is plain http even when Herald is behind https (containers).
    upgradeInsecureRequests: isHttps(c.authUrl) && !c.x.sandbox,
  });
}

/** Every header every response carries; HSTS only when Herald's public URL is https (browsers ignore it over http anyway). */
export function securityHeaders(c: SecurityConfig, nonce: string): Record<string, string> {
  return {
    'Content-Security-Policy': policyFor(c, nonce),
    ...STATIC_SECURITY_HEADERS,
    ...(isHttps(c.authUrl) ? { 'Strict-Transport-Security': HSTS } : {}),
  };
}
