import { and, count, eq, isNull, sql } from 'drizzle-orm';
import { db } from '../db';
import { apiTokens } from '../db/schema';
import { AppError, notFound } from '../errors';
import type { CreateTokenInput } from './input';
import { newToken } from './secret';
import { toTokenView, type TokenView } from './view';

/** Live tokens one user may hold: plenty for every script and integration, and a bound. */
export const MAX_TOKENS_PER_USER = 50;

/** Creates a token; the answer is the only time the token itself is seen. */
export async function createToken(userId: string, input: CreateTokenInput): Promise<{ token: string; view: TokenView }> {
  return db().transaction(async (tx) => {
    // One user's token creations queue behind each other, so the limit holds under concurrency.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('api_tokens:' || ${userId}))`);
    const [live] = await tx
      .select({ n: count() })
      .from(apiTokens)
      .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)));
    if ((live?.n ?? 0) >= MAX_TOKENS_PER_USER) throw new AppError(409, `You have ${MAX_TOKENS_PER_USER} API tokens, the most one person may hold: revoke one you no longer use first`);
    const { token, hash, prefix } = newToken();
    const [row] = await tx.insert(apiTokens).values({ userId, name: input.name, scopes: input.scopes, tokenHash: hash, prefix }).returning();
    return { token, view: toTokenView(row!) };
  });
}

/** Revokes one of the user's tokens at once; revoking it again changes nothing. */
export async function revokeToken(userId: string, tokenId: string): Promise<TokenView> {
  const [row] = await db()
    .update(apiTokens)
    .set({ revokedAt: sql`coalesce(${apiTokens.revokedAt}, now())` })
    .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, userId)))
    .returning();
  if (!row) throw notFound('Token');
  return toTokenView(row);
}
