import { and, eq, inArray, sql } from 'drizzle-orm';
import { db, type Db, type Tx } from '../db';
import { media, type Media } from '../db/schema';

type Reader = Db | Tx;

/** The user's own media among `ids` (someone else's, or a missing one, is simply absent). */
export async function ownMedia(userId: string, ids: readonly string[], reader: Reader = db()): Promise<Map<string, Media>> {
  if (ids.length === 0) return new Map();
  const rows = await reader
    .select()
    .from(media)
    .where(and(eq(media.userId, userId), inArray(media.id, [...new Set(ids)])));
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * The user's own media among `ids`, marked as used now and locked until the caller's transaction
 * ends: the sweep of unused media (lib/sweep) skips them, so a file cannot vanish while a post
 * that names it is being saved.
 */
export async function takeOwnMedia(tx: Tx, userId: string, ids: readonly string[]): Promise<Map<string, Media>> {
  if (ids.length === 0) return new Map();
  const rows = await tx
    .update(media)
    .set({ lastUsedAt: sql`now()` })
    .where(and(eq(media.userId, userId), inArray(media.id, [...new Set(ids)])))
    .returning();
  return new Map(rows.map((r) => [r.id, r]));
}

/** Media rows by id, whoever owns them (the publisher works on a post already checked). */
export async function mediaByIds(ids: readonly string[], reader: Reader = db()): Promise<Map<string, Media>> {
  if (ids.length === 0) return new Map();
  const rows = await reader
    .select()
    .from(media)
    .where(inArray(media.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r]));
}
