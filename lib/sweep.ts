import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import { config } from './config';
import { db } from './db';
import { media, posts } from './db/schema';
import { sweepIdempotencyKeys } from './idempotency/keys';
import { logger } from './log';
import { deleteMediaFile } from './media/storage';

/** An upload not attached to any post for this long is taken for abandoned. */
export const UNUSED_MEDIA_GRACE_MS = 24 * 3600_000;
/** A temporary upload file untouched for this long belongs to an upload that died. */
export const STALE_UPLOAD_MS = 3600_000;
/** Rows per statement, so one sweep never holds many locks or runs long. */
const BATCH = 500;
/** Batches per kind per sweep: the next sweep (an hour later) carries on. */
const MAX_BATCHES = 20;

export interface SweepReport {
  cancelledPosts: number;
  unusedMedia: number;
  staleUploads: number;
  idempotencyKeys: number;
}

/** Cancelled posts past CANCELLED_POST_RETENTION_DAYS, with their parts. */
async function sweepCancelledPosts(): Promise<number> {
  const cutoff = sql`now() - ${`${config().cancelledPostRetentionDays} days`}::interval`;
  let total = 0;
  for (let i = 0; i < MAX_BATCHES; i++) {
    const doomed = db()
      .select({ id: posts.id })
      .from(posts)
      .where(and(eq(posts.status, 'cancelled'), lt(posts.updatedAt, cutoff)))
      .limit(BATCH);
    const deleted = await db()
      .delete(posts)
      .where(and(inArray(posts.id, doomed), eq(posts.status, 'cancelled')))
      .returning({ id: posts.id });
    total += deleted.length;
    if (deleted.length < BATCH) break;
  }
  return total;
}

/**
 * Files no post names any more (their post was deleted, cancelled and swept, or edited to drop
 * them, or they were uploaded and never attached) and not used within the grace period. Rows
 * being attached right now are locked by the saving transaction and skipped; the file goes first,
 * then its row, in one transaction.
 */
async function sweepUnusedMedia(): Promise<number> {
  const cutoff = sql`${new Date(Date.now() - UNUSED_MEDIA_GRACE_MS).toISOString()}::timestamptz`;
  let total = 0;
  for (let i = 0; i < MAX_BATCHES; i++) {
    const swept = await db().transaction(async (tx) => {
      const rows = await tx
        .select({ id: media.id, storageKey: media.storageKey })
        .from(media)
        .where(
          and(
            lt(sql`coalesce(${media.lastUsedAt}, ${media.createdAt})`, cutoff),
            sql`not exists (select 1 from post_parts where post_parts.media @> jsonb_build_array(jsonb_build_object('mediaId', ${media.id}::text)))`,
          ),
        )
        .limit(BATCH)
        .for('update', { skipLocked: true });
      for (const row of rows) await deleteMediaFile(row.storageKey);
      if (rows.length > 0) await tx.delete(media).where(inArray(media.id, rows.map((r) => r.id)));
      return rows.length;
    });
    total += swept;
    if (swept < BATCH) break;
  }
  return total;
}

/** Temporary `*.part` files of uploads that never finished (a killed web process). */
async function sweepStaleUploads(): Promise<number> {
  const dir = path.join(config().mediaDir, 'tmp');
  const names = await readdir(dir).catch(() => [] as string[]);
  let removed = 0;
  for (const name of names) {
    if (!name.endsWith('.part')) continue;
    const file = path.join(dir, name);
    const info = await stat(file).catch(() => null);
    if (info && Date.now() - info.mtimeMs > STALE_UPLOAD_MS) {
      await rm(file, { force: true });
      removed++;
    }
  }
  return removed;
}

/** Run by the worker's hourly sweep job: keeps what each user leaves behind bounded. */
export async function sweep(): Promise<SweepReport> {
  const report = {
    cancelledPosts: await sweepCancelledPosts(),
    unusedMedia: await sweepUnusedMedia(),
    staleUploads: await sweepStaleUploads(),
    idempotencyKeys: await sweepIdempotencyKeys(),
  };
  if (report.cancelledPosts || report.unusedMedia || report.staleUploads || report.idempotencyKeys) logger().info({ event: 'swept', ...report }, 'swept what nobody uses any more');
  return report;
}
