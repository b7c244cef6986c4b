import { and, desc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { db } from '../db';
import { apiTokens, type TokenScope } from '../db/schema';
import { notFound } from '../errors';
import { MAX_TOKENS_PER_USER } from './commands';
import { hashToken, looksLikeToken } from './secret';
import { toTokenView, type TokenView } from './view';

/** Revoked tokens are listed too (what was revoked, and when), up to this many rows in all. */
const LIST_CAP = MAX_TOKENS_PER_USER * 4;

export async function listTokens(userId: string): Promise<TokenView[]> {
  const rows = await db().select().from(apiTokens).where(eq(apiTokens.userId, userId)).orderBy(desc(apiTokens.createdAt)).limit(LIST_CAP);
  return rows.map(toTokenView);
}

export async function getToken(userId: string, tokenId: string): Promise<TokenView> {
  const [row] = await db()
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, userId)));
  if (!row) throw notFound('Token');
  return toTokenView(row);
}

/** "Last used" is kept to the minute: one write a minute per token at most, not one per request. */
const LAST_USED_GRANULARITY = sql`interval '1 minute'`;

/**
 * Who a bearer token acts for and what it may do, or null when it is unknown or revoked. Marks
 * it used (at most once a minute).
 */
export async function tokenOwner(token: string): Promise<{ tokenId: string; userId: string; scopes: TokenScope[] } | null> {
  if (!looksLikeToken(token)) return null;
  const [row] = await db()
    .select({ id: apiTokens.id, userId: apiTokens.userId, scopes: apiTokens.scopes, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, hashToken(token)), isNull(apiTokens.revokedAt)));
  if (!row) return null;
  await db()
    .update(apiTokens)
    .set({ lastUsedAt: sql`now()` })
    .where(and(eq(apiTokens.id, row.id), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, sql`now() - ${LAST_USED_GRANULARITY}`))));
  return { tokenId: row.id, userId: row.userId, scopes: row.scopes };
}
