import 'server-only';
import { NextResponse, type NextRequest } from 'next/server';
import { config } from '../config';
import { hit, RateLimited, rateLimitHeaders, tightest } from './window';

/**
 * The client's address, from X-Forwarded-For only as far as it is trusted: each of the
 * `trustProxy` proxies in front appends the address it saw, so the entry that many places from
 * the end is the one the outermost trusted proxy saw. With none trusted, null: Next's server
 * passes a client's own X-Forwarded-For on unchanged, so nothing in the request tells clients apart.
 */
export function clientAddress(forwardedFor: string | null, trustProxy: number): string | null {
  if (trustProxy === 0 || !forwardedFor) return null;
  const entries = forwardedFor
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  const entry = entries[Math.max(0, entries.length - trustProxy)];
  // Bounded and plain: it becomes part of a Redis key.
  return entry && /^[0-9A-Za-z.:[\]%-]{1,64}$/.test(entry) ? entry.toLowerCase() : null;
}

/**
 * Counts one sign-in attempt (starting it, or X sending the browser back): per client address when
 * TRUST_PROXY lets Herald know it, and for everyone together (a ceiling that protects Herald's X
 * app from being made to hammer X). Throws RateLimited over either.
 */
export async function limitSignIn(forwardedFor: string | null): Promise<void> {
  const c = config();
  const address = clientAddress(forwardedFor, c.trustProxy);
  const counts = await hit([...(address ? [{ key: `signin:ip:${address}`, limit: c.signInRateLimit.perIp }] : []), { key: 'signin:all', limit: c.signInRateLimit.total }]);
  const worst = counts ? tightest(counts) : null;
  if (worst && worst.count > worst.limit) throw new RateLimited(`Too many sign-in attempts. Try again in ${worst.resetSeconds} s.`, worst);
}

type AuthHandler = (request: NextRequest) => Promise<Response>;

/** Auth.js's own sign-in endpoints: starting a sign-in, and X sending the browser back. */
const SIGN_IN_PATH = /^\/api\/auth\/(signin|callback)\//;

/**
 * Auth.js's route handler with sign-in attempts counted: over the limit, 429 `{ error }` with
 * Retry-After, before Auth.js does anything (a callback would otherwise call X's token endpoint).
 */
export function withSignInLimit(handler: AuthHandler): AuthHandler {
  return async (request) => {
    if (SIGN_IN_PATH.test(request.nextUrl.pathname)) {
      try {
        await limitSignIn(request.headers.get('x-forwarded-for'));
      } catch (error) {
        if (!(error instanceof RateLimited)) throw error;
        return NextResponse.json({ error: error.message }, { status: 429, headers: rateLimitHeaders(error.count) });
      }
    }
    return handler(request);
  };
}
