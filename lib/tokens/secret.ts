import { createHash, randomBytes } from 'node:crypto';

/** Every Herald token starts so: secret scanners and people can tell one when they see it. */
const TOKEN_PREFIX = 'hrd_';
/** The characters of a token shown in lists (the prefix and a few of its random characters). */
const SHOWN_LENGTH = TOKEN_PREFIX.length + 6;

/**
 * What is stored of a token: its SHA-256. The token carries 256 random bits, so nobody guesses
 * it from the hash; a slow password hash would only slow every API request down.
 */
export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** A new token, to show once, with what is stored of it. */
export function newToken(): { token: string; hash: string; prefix: string } {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashToken(token), prefix: token.slice(0, SHOWN_LENGTH) };
}

/** Whether a string could be a Herald token at all (anything else is refused without a query). */
export const looksLikeToken = (value: string): boolean => /^hrd_[A-Za-z0-9_-]{43}$/.test(value);
