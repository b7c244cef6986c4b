/** main.ts's environment as startSandbox options, and the redirect-URI helpers Herald's scripts use. */
import { describe, expect, it } from 'vitest';
import { SandboxEnvError, optionsFromEnv } from './env';
import { DEFAULT_REDIRECT_URIS, heraldRedirectUris, parseRedirectUris } from './redirect-uris';

describe('heraldRedirectUris', () => {
  it('builds Herald’s two callbacks from its AUTH_URL, with or without a trailing slash', () => {
    const expected = ['https://herald.example/api/auth/callback/twitter', 'https://herald.example/api/accounts/connect/callback'];
    expect(heraldRedirectUris('https://herald.example')).toEqual(expected);
    expect(heraldRedirectUris('https://herald.example/')).toEqual(expected);
    expect(DEFAULT_REDIRECT_URIS).toEqual(heraldRedirectUris('http://localhost:3000'));
  });
});

describe('parseRedirectUris (SANDBOX_REDIRECT_URIS)', () => {
  it('splits on commas, trims, and skips blank items', () => {
    expect(parseRedirectUris(' http://localhost:3000/a , https://x.example/b?x=1,')).toEqual(['http://localhost:3000/a', 'https://x.example/b?x=1']);
  });

  it('refuses relative URLs, other schemes, fragments and an empty list', () => {
    for (const bad of ['/api/auth/callback/twitter', 'localhost:3000/cb', 'ftp://x.example/cb', 'http://x.example/cb#top', 'http://ok.example/cb,nope', ' , ']) {
      expect(() => parseRedirectUris(bad), bad).toThrow();
    }
  });
});

describe('optionsFromEnv', () => {
  it('defaults to loopback, port 4100, Herald’s client and callbacks, and no minting', () => {
    const opts = optionsFromEnv({});
    expect(opts).toEqual({ port: 4100, host: '127.0.0.1', allowTokenMinting: false });
    expect(optionsFromEnv({ SANDBOX_HOST: '', SANDBOX_ALLOW_TOKEN_MINTING: '0', SANDBOX_REDIRECT_URIS: ' ' })).toEqual(opts);
  });

  it('turns minting on only with SANDBOX_ALLOW_TOKEN_MINTING=1', () => {
    expect(optionsFromEnv({ SANDBOX_ALLOW_TOKEN_MINTING: '1' }).allowTokenMinting).toBe(true);
    for (const v of ['true', 'yes', '2']) expect(() => optionsFromEnv({ SANDBOX_ALLOW_TOKEN_MINTING: v })).toThrow(SandboxEnvError);
  });

  it('registers SANDBOX_REDIRECT_URIS for Herald’s client, or for SANDBOX_CLIENT_ID', () => {
    const uris = 'https://herald.example/api/auth/callback/twitter,https://herald.example/api/accounts/connect/callback';
    expect(optionsFromEnv({ SANDBOX_REDIRECT_URIS: uris }).clients).toEqual([
      { clientId: 'herald-sandbox', clientSecret: 'herald-sandbox-secret', redirectUris: uris.split(',') },
    ]);
    expect(optionsFromEnv({ SANDBOX_REDIRECT_URIS: uris, SANDBOX_CLIENT_ID: 'mine' }).clients).toEqual([{ clientId: 'mine', redirectUris: uris.split(',') }]);
    expect(optionsFromEnv({ SANDBOX_CLIENT_ID: 'mine', SANDBOX_CLIENT_SECRET: 's' }).clients).toEqual([{ clientId: 'mine', clientSecret: 's' }]);
  });

  it('names the variable in one line when a value is wrong', () => {
    expect(() => optionsFromEnv({ SANDBOX_REDIRECT_URIS: 'http://ok.example/cb,/relative' })).toThrow(
      'SANDBOX_REDIRECT_URIS must be comma-separated absolute http(s) URLs: redirect URI "/relative" is not an absolute URL',
    );
    expect(() => optionsFromEnv({ SANDBOX_PORT: '70000' })).toThrow('SANDBOX_PORT must be an integer from 0 to 65535, got "70000"');
    expect(() => optionsFromEnv({ SANDBOX_CLIENT_SECRET: 's' })).toThrow('SANDBOX_CLIENT_SECRET is set without SANDBOX_CLIENT_ID');
  });
});
