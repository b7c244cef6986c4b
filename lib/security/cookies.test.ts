import { describe, expect, it } from 'vitest';
import { authCookieSettings } from './cookies';

describe('authCookieSettings', () => {
  it('under an https AUTH_URL: the session cookie is Secure (and __Secure- prefixed), HttpOnly, SameSite=Lax', () => {
    const settings = authCookieSettings('https://herald.example');
    expect(settings.useSecureCookies).toBe(true);
    expect(settings.cookies?.sessionToken?.options).toEqual({ httpOnly: true, sameSite: 'lax', path: '/', secure: true });
  });

  it('under an http AUTH_URL (local runs): HttpOnly and Lax, not Secure (browsers would drop it)', () => {
    const settings = authCookieSettings('http://localhost:3000');
    expect(settings.useSecureCookies).toBe(false);
    expect(settings.cookies?.sessionToken?.options).toEqual({ httpOnly: true, sameSite: 'lax', path: '/', secure: false });
  });
});
