import { open, seal } from '../crypto';

/** Which of an account's two tokens a ciphertext holds. */
export type TokenKind = 'access' | 'refresh';

/** A token's ciphertext opens only as that token of that X account (its permanent user id). */
const context = (xUserId: string, kind: TokenKind) => `x_accounts:${xUserId}:${kind}`;

export const sealToken = (xUserId: string, kind: TokenKind, token: string): string => seal(token, 'x-token', context(xUserId, kind));

export const openToken = (xUserId: string, kind: TokenKind, sealed: string): string => open(sealed, 'x-token', context(xUserId, kind));
