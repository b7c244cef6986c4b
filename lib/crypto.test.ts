import { createCipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { open, openLegacy, seal } from './crypto';

/** The format Herald wrote before v2, made here by hand: the master key, no associated data. */
function legacySeal(plain: string, key: Buffer, tagLength = 16): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: tagLength });
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
}

describe('secrets at rest', () => {
  const key = randomBytes(32);

  it('round-trips and never contains the plain text', () => {
    const sealed = seal('secret-access-token', 'x-token', 'row-1', key);
    expect(sealed).not.toContain('secret-access-token');
    expect(open(sealed, 'x-token', 'row-1', key)).toBe('secret-access-token');
  });

  it('uses a fresh IV every time', () => {
    expect(seal('same', 'x-token', 'row', key)).not.toBe(seal('same', 'x-token', 'row', key));
  });

  it('refuses tampered ciphertext and the wrong key', () => {
    const sealed = seal('secret', 'x-token', 'row', key);
    const parts = sealed.split('.');
    const data = Buffer.from(parts[3]!, 'base64url');
    data[0] = data[0]! ^ 1;
    parts[3] = data.toString('base64url');
    expect(() => open(parts.join('.'), 'x-token', 'row', key)).toThrow();
    expect(() => open(sealed, 'x-token', 'row', randomBytes(32))).toThrow();
  });

  it('binds a ciphertext to its row and its purpose: copied elsewhere, it does not open', () => {
    const sealed = seal('secret', 'x-token', 'x_accounts:1:access', key);
    expect(() => open(sealed, 'x-token', 'x_accounts:2:access', key)).toThrow();
    expect(() => open(sealed, 'x-token', 'x_accounts:1:refresh', key)).toThrow();
    expect(() => open(sealed, 'connect-cookie', 'x_accounts:1:access', key)).toThrow();
  });

  it('uses a key derived per purpose, never the master key itself', () => {
    const sealed = seal('secret', 'x-token', 'row', key);
    // Read as a legacy ciphertext (master key, no associated data), it does not open.
    expect(() => openLegacy(sealed.replace(/^v2\./, 'v1.'), key)).toThrow();
  });

  it('pins the 16-byte tag: a truncated tag is refused', () => {
    const sealed = seal('secret', 'x-token', 'row', key);
    const parts = sealed.split('.');
    parts[2] = Buffer.from(parts[2]!, 'base64url').subarray(0, 4).toString('base64url');
    expect(() => open(parts.join('.'), 'x-token', 'row', key)).toThrow(/Unrecognised/);
    expect(() => openLegacy(legacySeal('secret', key, 4), key)).toThrow(/Unrecognised/);
  });

  it('still opens what earlier versions stored, for resealing', () => {
    expect(openLegacy(legacySeal('old-token', key), key)).toBe('old-token');
  });
});
