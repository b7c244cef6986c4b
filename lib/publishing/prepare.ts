import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { accessTokenFor } from '../accounts/tokens';
import { db } from '../db';
import { WAITING_STATUSES, postParts, posts, xAccounts, type PostPart, type PreparedMedia } from '../db/schema';
import { errorSummary, logger } from '../log';
import { uploadPartMedia } from './upload-media';

/** Prepared ids this close to expiry are not used: the part's media is uploaded again instead. */
export const PREPARED_MIN_LIFE_MS = 10 * 60_000;

/** The part's media ids uploaded ahead of time, when they are still good for the post. */
export function preparedMediaIds(part: Pick<PostPart, 'media' | 'xMedia'>, now = Date.now()): string[] | null {
  const prepared = part.xMedia;
  if (!prepared || prepared.xMediaIds.length !== part.media.length) return null;
  return new Date(prepared.expiresAt).getTime() - now > PREPARED_MIN_LIFE_MS ? prepared.xMediaIds : null;
}

export type PrepareResult = { outcome: 'stale' } | { outcome: 'prepared'; parts: number } | { outcome: 'skipped'; reason: string };

/**
 * Uploads a scheduled post's media to X ahead of its time (MEDIA_PREPARE_LEAD_MS before it), so
 * that a large video, with X's processing, is ready when the post is due. Best effort: whatever
 * is not prepared is uploaded at publish time, as before. The ids are stored only if the post is
 * still this revision and the part still names the same files; an edit replaces the parts, and
 * with them the prepared ids.
 */
export async function prepareMedia(postId: string, revision: number): Promise<PrepareResult> {
  const [row] = await db()
    .select({ post: posts, account: xAccounts })
    .from(posts)
    .innerJoin(xAccounts, eq(xAccounts.id, posts.xAccountId))
    .where(and(eq(posts.id, postId), eq(posts.revision, revision), inArray(posts.status, WAITING_STATUSES)));
  if (!row) return { outcome: 'stale' };
  const parts = (
    await db()
      .select()
      .from(postParts)
      .where(and(eq(postParts.postId, postId), isNull(postParts.xPostId)))
      .orderBy(asc(postParts.position))
  ).filter((p) => p.media.length > 0 && !preparedMediaIds(p));
  if (parts.length === 0) return { outcome: 'skipped', reason: 'nothing to upload' };

  let prepared = 0;
  try {
    const { token } = await accessTokenFor(row.account);
    for (const part of parts) {
      const uploaded = await uploadPartMedia(token, part.media);
      const xMedia: PreparedMedia = { xMediaIds: uploaded.ids, expiresAt: uploaded.expiresAt.toISOString() };
      const stored = await db()
        .update(postParts)
        .set({ xMedia })
        .where(
          and(
            eq(postParts.id, part.id),
            sql`${postParts.media} = ${JSON.stringify(part.media)}::jsonb`,
            sql`exists (select 1 from ${posts} where ${posts.id} = ${postId} and ${posts.revision} = ${revision} and ${posts.status} in ('scheduled', 'queued'))`,
          ),
        )
        .returning({ id: postParts.id });
      if (stored.length === 0) return { outcome: 'stale' };
      prepared++;
    }
  } catch (error) {
    // Publishing uploads what is missing; a failure here costs nothing but time.
    logger().warn({ postId, revision, event: 'media_prepare_failed', ...errorSummary(error) }, 'could not upload media ahead of time; it will be uploaded at publish time');
    return { outcome: 'skipped', reason: 'upload failed' };
  }
  logger().info({ postId, revision, event: 'media_prepared', parts: prepared }, 'media uploaded to X ahead of time');
  return { outcome: 'prepared', parts: prepared };
}
