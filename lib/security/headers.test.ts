import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from './csp';
import { newNonce, securityHeaders, type SecurityConfig } from './headers';

const production: SecurityConfig = {
  env: 'production',
  authUrl: 'https://herald.example',
  x: { authorizeUrl: 'https://x.com/i/oauth2/authorize', sandbox: false },
};
const sandbox: SecurityConfig = {
  env: 'production',
  authUrl: 'http://localhost:3000',
  x: { authorizeUrl: 'http://127.0.0.1:4100/i/oauth2/authorize', sandbox: true },
};

/** The policy as directive name → its sources. */
function directives(policy: string): Map<string, string[]> {
  return new Map(policy.split(';').map((d) => {
    const [name = '', ...sources] = d.trim().split(/\s+/);
    return [name, sources] as const;
  }));
}

describe('newNonce', () => {
  it('is base64 of 16 random bytes, different every time', () => {
    const a = newNonce();
    expect(a).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(new Set(Array.from({ length: 50 }, newNonce)).size).toBe(50);
  });
});

describe('contentSecurityPolicy', () => {
  const base = { nonce: 'AAAAAAAAAAAAAAAAAAAAAA==', development: false, formActionOrigins: [], imageOrigins: [], upgradeInsecureRequests: false };

  it("puts the nonce on scripts and styles, and locks down framing, plugins, <base> and forms", () => {
    const d = directives(contentSecurityPolicy(base));
    expect(d.get('script-src')).toEqual(["'self'", "'nonce-AAAAAAAAAAAAAAAAAAAAAA=='"]);
    expect(d.get('style-src')).toEqual(["'self'", "'nonce-AAAAAAAAAAAAAAAAAAAAAA=='"]);
    expect(d.get('default-src')).toEqual(["'self'"]);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'self'"]);
    expect(d.get('form-action')).toEqual(["'self'"]);
    expect(d.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(d.has('upgrade-insecure-requests')).toBe(false);
  });

  it("never allows eval or inline scripts outside development", () => {
    const policy = contentSecurityPolicy(base);
    expect(policy).not.toContain('unsafe-eval');
    expect(directives(policy).get('script-src')).not.toContain("'unsafe-inline'");
    // Only style attributes may be inline (they cannot carry a nonce).
    expect(directives(policy).get('style-src-attr')).toEqual(["'unsafe-inline'"]);
  });

  it("allows eval (React's dev tooling) and nonce-less styles in development only", () => {
    const d = directives(contentSecurityPolicy({ ...base, development: true }));
    expect(d.get('script-src')).toContain("'unsafe-eval'");
    expect(d.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
  });

  it('reduces extra sources to origins and drops anything that is not an http(s) URL', () => {
    const d = directives(
      contentSecurityPolicy({ ...base, formActionOrigins: ['https://x.com/i/oauth2/authorize?x=1', "'unsafe-inline'", 'javascript:alert(1)'], imageOrigins: ['https://pbs.twimg.com/a.png', 'https://pbs.twimg.com'] }),
    );
    expect(d.get('form-action')).toEqual(["'self'", 'https://x.com']);
    expect(d.get('img-src')).toEqual(["'self'", 'data:', 'blob:', 'https://pbs.twimg.com']);
  });

  it('refuses a nonce that could break out of the header', () => {
    expect(() => contentSecurityPolicy({ ...base, nonce: "abc'; script-src *" })).toThrow();
    expect(() => contentSecurityPolicy({ ...base, nonce: '' })).toThrow();
  });
});

describe('securityHeaders', () => {
  it('production with X: the full set, HSTS and upgrade-insecure-requests behind https', () => {
    const h = securityHeaders(production, 'BBBBBBBBBBBBBBBBBBBBBB==');
    expect(h['X-Content-Type-Options']).toBe('nosniff');
    expect(h['Referrer-Policy']).toBe('strict-origin-when-cross-origin');
    expect(h['Strict-Transport-Security']).toMatch(/^max-age=\d{7,}/);
    const d = directives(h['Content-Security-Policy']!);
    expect(d.get('form-action')).toEqual(["'self'", 'https://x.com']);
    expect(d.get('img-src')).toEqual(["'self'", 'data:', 'blob:', 'https://pbs.twimg.com', 'https://abs.twimg.com']);
    expect(d.has('upgrade-insecure-requests')).toBe(true);
    expect(h['Content-Security-Policy']).not.toContain('unsafe-eval');
  });

  it('sandbox over http: no HSTS, and the sandbox may receive the sign-in form and serve avatars', () => {
    const h = securityHeaders(sandbox, 'BBBBBBBBBBBBBBBBBBBBBB==');
    expect(h['Strict-Transport-Security']).toBeUndefined();
    const d = directives(h['Content-Security-Policy']!);
    expect(d.get('form-action')).toEqual(["'self'", 'http://127.0.0.1:4100']);
    expect(d.get('img-src')).toContain('http://127.0.0.1:4100');
    expect(d.has('upgrade-insecure-requests')).toBe(false);
  });

  it('development keeps unsafe-eval; test and production never have it', () => {
    expect(securityHeaders({ ...sandbox, env: 'development' }, newNonce())['Content-Security-Policy']).toContain("'unsafe-eval'");
    expect(securityHeaders({ ...sandbox, env: 'test' }, newNonce())['Content-Security-Policy']).not.toContain('unsafe-eval');
  });
});
