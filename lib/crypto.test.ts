import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decrypt, encrypt } from './crypto';

describe('token encryption', () => {
  const key = randomBytes(32);

  it('round-trips and never contains the plain text', () => {
    const sealed = encrypt('secret-access-token', key);
    expect(sealed).not.toContain('secret-access-token');
    expect(decrypt(sealed, key)).toBe('secret-access-token');
  });

  it('uses a fresh IV every time', () => {
    expect(encrypt('same', key)).not.toBe(encrypt('same', key));
  });

  it('refuses tampered ciphertext and the wrong key', () => {
    const sealed = encrypt('secret', key);
    const parts = sealed.split('.');
    const data = Buffer.from(parts[3]!, 'base64url');
    data[0] = data[0]! ^ 1;
    parts[3] = data.toString('base64url');
    expect(() => decrypt(parts.join('.'), key)).toThrow();
    expect(() => decrypt(sealed, randomBytes(32))).toThrow();
  });
});
