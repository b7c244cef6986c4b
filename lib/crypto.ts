import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { config } from './config';

/**
 * AES-256-GCM for secrets at rest. Each purpose has its own key, derived from ENCRYPTION_KEY with
 * HKDF, and each ciphertext is bound to its purpose and to the thing it belongs to by associated
 * data: a ciphertext copied to another row or another use does not open. Output
 * `v2.<iv>.<tag>.<ciphertext>` in base64url, so it fits a text column or a cookie.
 */
export type Purpose = 'x-token' | 'connect-cookie' | 'webhook-secret';

const VERSION = 'v2';
const IV_BYTES = 12;
/** Pinned: a shorter tag would be accepted by GCM and weaken it. */
const TAG_BYTES = 16;

const keys = new WeakMap<Buffer, Map<Purpose, Buffer>>();

function keyFor(purpose: Purpose, master: Buffer): Buffer {
  let byPurpose = keys.get(master);
  if (!byPurpose) keys.set(master, (byPurpose = new Map()));
  let key = byPurpose.get(purpose);
  if (!key) byPurpose.set(purpose, (key = Buffer.from(hkdfSync('sha256', master, 'herald', `herald ${purpose} ${VERSION}`, 32))));
  return key;
}

const aad = (purpose: Purpose, context: string) => Buffer.from(`${purpose}\n${context}`, 'utf8');

export function seal(plain: string, purpose: Purpose, context: string, master: Buffer = config().encryptionKey): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keyFor(purpose, master), iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad(purpose, context));
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
}

function gcmOpen(sealed: string, version: string, key: Buffer, associated: Buffer | null): string {
  const [v, ivText, tagText, dataText, extra] = sealed.split('.');
  if (v !== version || ivText === undefined || tagText === undefined || dataText === undefined || extra !== undefined) throw new Error('Unrecognised ciphertext');
  const iv = Buffer.from(ivText, 'base64url');
  const tag = Buffer.from(tagText, 'base64url');
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new Error('Unrecognised ciphertext');
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  if (associated) decipher.setAAD(associated);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(Buffer.from(dataText, 'base64url')), decipher.final()]).toString('utf8');
}

/** Throws unless `sealed` was made by `seal` with this purpose, context and key. */
export function open(sealed: string, purpose: Purpose, context: string, master: Buffer = config().encryptionKey): string {
  return gcmOpen(sealed, VERSION, keyFor(purpose, master), aad(purpose, context));
}

/** Ciphertexts of Herald before v2: the master key itself and no associated data. */
export const isLegacy = (sealed: string) => sealed.startsWith('v1.');

/** Only to reseal what an earlier version stored (lib/accounts/reseal). */
export function openLegacy(sealed: string, master: Buffer = config().encryptionKey): string {
  return gcmOpen(sealed, 'v1', master, null);
}
