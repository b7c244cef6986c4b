import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from './config';

const secret = randomBytes(32).toString('base64url');

describe('configuration contract', () => {
  it('uses the local X sandbox when no X app is configured', () => {
    const c = parseConfig({ NODE_ENV: 'test', AUTH_SECRET: secret });
    expect(c.x.sandbox).toBe(true);
    expect(c.x.apiUrl).toBe('http://127.0.0.1:4100');
    expect(c.x.authorizeUrl).toBe('http://127.0.0.1:4100/i/oauth2/authorize');
    expect(c.databaseUrl).toBe('postgres://postgres@127.0.0.1:5432/herald');
    expect(c.workerConcurrency).toBe(10);
  });

  it("uses X's real endpoints once an X app is configured", () => {
    const c = parseConfig({ NODE_ENV: 'test', AUTH_SECRET: secret, X_CLIENT_ID: 'abc', X_CLIENT_SECRET: 'def' });
    expect(c.x).toMatchObject({ sandbox: false, clientId: 'abc', clientSecret: 'def', apiUrl: 'https://api.x.com', authorizeUrl: 'https://x.com/i/oauth2/authorize' });
  });

  it('names the variable that is wrong, in one line', () => {
    expect(() => parseConfig({ WORKER_CONCURRENCY: 'lots' })).toThrow(/^Invalid configuration: WORKER_CONCURRENCY/);
    expect(() => parseConfig({ ENCRYPTION_KEY: 'short' })).toThrow(/ENCRYPTION_KEY must be 32 bytes/);
    expect(() => parseConfig({ NODE_ENV: 'production', X_CLIENT_ID: 'abc' })).toThrow(/AUTH_SECRET is required/);
  });

  it('reads the operational knobs through the same schema, refusing a bad value in one line', () => {
    const c = parseConfig({ AUTH_SECRET: secret, LOG_LEVEL: 'warn', HERALD_SERVICE: 'worker', DB_POOL_MAX: '25', SCHEDULER_CHECK_MS: '500', WORKER_HEARTBEAT_MS: '200' });
    expect(c).toMatchObject({ logLevel: 'warn', service: 'worker', dbPoolMax: 25, schedulerCheckMs: 500, workerHeartbeatMs: 200 });
    expect(parseConfig({ AUTH_SECRET: secret, HERALD_SERVICE: '' })).toMatchObject({ logLevel: 'info', service: 'herald', dbPoolMax: 10, schedulerCheckMs: 15_000, workerHeartbeatMs: 5_000 });
    expect(() => parseConfig({ AUTH_SECRET: secret, LOG_LEVEL: 'loud' })).toThrow(/^Invalid configuration: LOG_LEVEL [^\n]+$/);
    expect(() => parseConfig({ AUTH_SECRET: secret, DB_POOL_MAX: '0' })).toThrow(/^Invalid configuration: DB_POOL_MAX [^\n]+$/);
    expect(() => parseConfig({ AUTH_SECRET: secret, SCHEDULER_CHECK_MS: 'often' })).toThrow(/^Invalid configuration: SCHEDULER_CHECK_MS [^\n]+$/);
    expect(() => parseConfig({ AUTH_SECRET: secret, WORKER_HEARTBEAT_MS: '10' })).toThrow(/^Invalid configuration: WORKER_HEARTBEAT_MS [^\n]+$/);
    expect(() => parseConfig({ AUTH_SECRET: secret, HERALD_SERVICE: 'Web Server' })).toThrow(/^Invalid configuration: HERALD_SERVICE must be lower-case letters, digits and -$/);
  });

  it('reads SMTP_URL and MAIL_FROM together or not at all, and never echoes the URL (it may hold a password)', () => {
    expect(parseConfig({ AUTH_SECRET: secret }).mail).toBeUndefined();
    expect(parseConfig({ AUTH_SECRET: secret, SMTP_URL: ' ', MAIL_FROM: '' }).mail).toBeUndefined();
    expect(parseConfig({ AUTH_SECRET: secret, SMTP_URL: 'smtps://u:p@mail.example.com:465', MAIL_FROM: 'Herald <h@example.com>' }).mail).toEqual({
      smtpUrl: 'smtps://u:p@mail.example.com:465',
      from: 'Herald <h@example.com>',
    });
    expect(() => parseConfig({ AUTH_SECRET: secret, SMTP_URL: 'smtp://mail.example.com' })).toThrow(/^Invalid configuration: set SMTP_URL and MAIL_FROM together/);
    expect(() => parseConfig({ AUTH_SECRET: secret, MAIL_FROM: 'h@example.com' })).toThrow(/^Invalid configuration: set SMTP_URL and MAIL_FROM together/);
    expect(() => parseConfig({ AUTH_SECRET: secret, SMTP_URL: 'http://u:hunter2@mail', MAIL_FROM: 'h@example.com' })).toThrow(/^Invalid configuration: SMTP_URL must be an smtp:\/\/ or smtps:\/\/ URL$/);
    // A header injection in the sender is refused.
    expect(() => parseConfig({ AUTH_SECRET: secret, SMTP_URL: 'smtp://mail', MAIL_FROM: 'h@example.com\r\nBcc: x@evil.test' })).toThrow(/^Invalid configuration: MAIL_FROM /);
  });

  it('reads admins by X user id, and handles case-insensitively, with or without @', () => {
    const c = parseConfig({ AUTH_SECRET: secret, ADMIN_X_USERNAMES: '@Alice, bob ,', ADMIN_X_USER_IDS: ' 12, 1000000000000000004' });
    expect([...c.adminUsernames]).toEqual(['alice', 'bob']);
    expect([...c.adminXUserIds]).toEqual(['12', '1000000000000000004']);
    expect(() => parseConfig({ AUTH_SECRET: secret, ADMIN_X_USER_IDS: 'alice' })).toThrow(/^Invalid configuration: ADMIN_X_USER_IDS must be comma-separated numeric X user ids$/);
  });

  it('refuses to serve production from the X sandbox unless HERALD_SANDBOX=1 asks for it, in one line', () => {
    const key = randomBytes(32).toString('base64');
    expect(() => parseConfig({ NODE_ENV: 'production', AUTH_SECRET: secret, ENCRYPTION_KEY: key })).toThrow(/^Invalid configuration: X_CLIENT_ID is not set;[^\n]*HERALD_SANDBOX=1[^\n]*$/);
    expect(parseConfig({ NODE_ENV: 'production', AUTH_SECRET: secret, ENCRYPTION_KEY: key, HERALD_SANDBOX: '1' }).x.sandbox).toBe(true);
    expect(parseConfig({ NODE_ENV: 'production', AUTH_SECRET: secret, ENCRYPTION_KEY: key, X_CLIENT_ID: 'abc' }).x.sandbox).toBe(false);
  });

  it('resolves MEDIA_DIR to one absolute path for the web server and the worker', () => {
    expect(parseConfig({ AUTH_SECRET: secret }, '/srv/herald').mediaDir).toBe(path.resolve('/srv/herald/.herald/media'));
    // Next's standalone server runs from .next/standalone: the default still names the project's directory.
    expect(parseConfig({ AUTH_SECRET: secret }, '/srv/herald/.next/standalone').mediaDir).toBe(path.resolve('/srv/herald/.herald/media'));
    expect(parseConfig({ AUTH_SECRET: secret, MEDIA_DIR: 'uploads' }, '/srv/herald/.next/standalone').mediaDir).toBe(path.resolve('/srv/herald/uploads'));
    expect(parseConfig({ AUTH_SECRET: secret, MEDIA_DIR: '/data/media' }, '/app').mediaDir).toBe('/data/media');
  });

  it('reads rate limits per minute (0: off) and how many proxies to trust, with sane defaults', () => {
    const c = parseConfig({ AUTH_SECRET: secret });
    expect([c.apiRateLimit, c.signInRateLimit, c.trustProxy]).toEqual([{ perToken: 120, perUser: 300 }, { perIp: 10, total: 300 }, 0]);
    const set = parseConfig({ AUTH_SECRET: secret, API_RATE_LIMIT_PER_TOKEN: '0', API_RATE_LIMIT_PER_USER: '1000', SIGNIN_RATE_LIMIT_PER_IP: '3', SIGNIN_RATE_LIMIT_TOTAL: '50', TRUST_PROXY: '2' });
    expect([set.apiRateLimit, set.signInRateLimit, set.trustProxy]).toEqual([{ perToken: 0, perUser: 1000 }, { perIp: 3, total: 50 }, 2]);
    expect(() => parseConfig({ AUTH_SECRET: secret, API_RATE_LIMIT_PER_USER: '-1' })).toThrow(/^Invalid configuration: API_RATE_LIMIT_PER_USER /);
    expect(() => parseConfig({ AUTH_SECRET: secret, TRUST_PROXY: 'yes' })).toThrow(/^Invalid configuration: TRUST_PROXY must be the number of proxies in front of Herald, 0 for none$/);
  });

  it("reads X's prices per post as exact decimal dollars, refusing anything else in one line", () => {
    expect(parseConfig({ AUTH_SECRET: secret }).xPrices).toEqual({ postUsd: 0.015, postWithUrlUsd: 0.2 });
    expect(parseConfig({ AUTH_SECRET: secret, X_PRICE_POST_USD: '', X_PRICE_POST_WITH_URL_USD: ' ' }).xPrices).toEqual({ postUsd: 0.015, postWithUrlUsd: 0.2 });
    expect(parseConfig({ AUTH_SECRET: secret, X_PRICE_POST_USD: '0', X_PRICE_POST_WITH_URL_USD: '1.000001' }).xPrices).toEqual({ postUsd: 0, postWithUrlUsd: 1.000001 });
    for (const bad of ['-0.01', 'free', '1e-3', '0.0000001', '$0.20', '0,20', '.5']) {
      expect(() => parseConfig({ AUTH_SECRET: secret, X_PRICE_POST_USD: bad })).toThrow(/^Invalid configuration: X_PRICE_POST_USD must be a non-negative amount in US dollars[^\n]*$/);
    }
    expect(() => parseConfig({ AUTH_SECRET: secret, X_PRICE_POST_WITH_URL_USD: 'lots' })).toThrow(/^Invalid configuration: X_PRICE_POST_WITH_URL_USD /);
  });
});
