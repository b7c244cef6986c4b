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

  it('reads admins case-insensitively, with or without @', () => {
    const c = parseConfig({ AUTH_SECRET: secret, ADMIN_X_USERNAMES: '@Alice, bob ,' });
    expect([...c.adminUsernames]).toEqual(['alice', 'bob']);
  });

  it('resolves MEDIA_DIR to one absolute path for the web server and the worker', () => {
    expect(parseConfig({ AUTH_SECRET: secret }, '/srv/herald').mediaDir).toBe(path.resolve('/srv/herald/.herald/media'));
    // Next's standalone server runs from .next/standalone: the default still names the project's directory.
    expect(parseConfig({ AUTH_SECRET: secret }, '/srv/herald/.next/standalone').mediaDir).toBe(path.resolve('/srv/herald/.herald/media'));
    expect(parseConfig({ AUTH_SECRET: secret, MEDIA_DIR: 'uploads' }, '/srv/herald/.next/standalone').mediaDir).toBe(path.resolve('/srv/herald/uploads'));
    expect(parseConfig({ AUTH_SECRET: secret, MEDIA_DIR: '/data/media' }, '/app').mediaDir).toBe('/data/media');
  });
});
