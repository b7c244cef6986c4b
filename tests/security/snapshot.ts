import { asc, eq, inArray } from 'drizzle-orm';
import { db } from '@/lib/db';
import { accountSchedules, apiTokens, media, postParts, posts, xAccounts } from '@/lib/db/schema';

/**
 * Everything a user owns, as rows: taken before and after a request that should have changed
 * nothing of theirs, the two must be equal. `ignore`: columns that change without that meaning
 * anything was stored (a token's lastUsedAt).
 */
export async function ownedRows(userId: string, ignore: readonly string[] = []): Promise<string> {
  const accounts = await db().select().from(xAccounts).where(eq(xAccounts.userId, userId)).orderBy(asc(xAccounts.id));
  const ownPosts = await db().select().from(posts).where(eq(posts.userId, userId)).orderBy(asc(posts.id));
  const accountIds = accounts.map((a) => a.id);
  const postIds = ownPosts.map((p) => p.id);
  const skip = new Set(ignore);
  return JSON.stringify({
    accounts,
    posts: ownPosts,
    parts: postIds.length ? await db().select().from(postParts).where(inArray(postParts.postId, postIds)).orderBy(asc(postParts.postId), asc(postParts.position)) : [],
    schedules: accountIds.length ? await db().select().from(accountSchedules).where(inArray(accountSchedules.xAccountId, accountIds)).orderBy(asc(accountSchedules.xAccountId)) : [],
    media: await db().select().from(media).where(eq(media.userId, userId)).orderBy(asc(media.id)),
    tokens: await db().select().from(apiTokens).where(eq(apiTokens.userId, userId)).orderBy(asc(apiTokens.id)),
  }, (key, value: unknown) => (skip.has(key) ? undefined : value));
}
