import { readFile } from 'node:fs/promises';
import type { TwitterApiReadWrite } from 'twitter-api-v2';
import type { Media, PartMedia } from '../db/schema';
import { logger } from '../log';
import { mediaByIds } from '../media/queries';
import { mediaPath, readMediaChunks } from '../media/storage';
import { xUserClient } from '../x/client';
import { XMediaError } from '../x/errors';

/**
 * Uploads a part's media to X, ahead of the post's time (lib/publishing/prepare) or at it; X's
 * media ids expire (24 hours), so the expiry travels with them. twitter-api-v2's own `v2.uploadMedia` is not used: it wants the whole file in one
 * Buffer (and copies it), polls without a bound, throws a plain Error when processing fails,
 * and stops waiting when X answers "pending" without `check_after_secs`. The calls below are
 * the same endpoints through the client's `v2.post`/`v2.get`, so they go through the URL
 * rewrite in lib/x/client like every other call, and X's error answers stay ApiResponseErrors
 * (classified in lib/x/errors: 429 waits, 5xx retries, 4xx fails).
 */

/** Append segment size: X takes up to 5 MB per segment and at most 1000 segments. */
export const CHUNK_BYTES = 4 * 1024 * 1024;
/** How long to wait for X to process one GIF or video before giving up on this attempt. */
export const MAX_PROCESSING_MS = 10 * 60_000;
/** A `check_after_secs` larger than this is shortened: the next look costs little. */
const MAX_CHECK_AFTER_MS = 60_000;
/** When X says "not yet" without saying how long. */
const DEFAULT_CHECK_AFTER_MS = 1_000;

type V2 = TwitterApiReadWrite['v2'];

interface ProcessingInfo {
  state: 'pending' | 'in_progress' | 'succeeded' | 'failed';
  check_after_secs?: number;
  progress_percent?: number;
  error?: { code?: number; name?: string; message?: string };
}

interface UploadData {
  id: string;
  media_key?: string;
  expires_after_secs?: number;
  processing_info?: ProcessingInfo;
}

/** X's documented lifetime of a media id, when an answer does not say. */
const DEFAULT_LIFETIME_MS = 24 * 3600_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const NAMES = { image: 'image', gif: 'GIF', video: 'video' } as const;

function missing(): XMediaError {
  return new XMediaError(
    "An attached file is no longer in Herald's media storage. Remove it from the post and attach it again " +
      '(if this keeps happening, check that the web app and the worker share the same MEDIA_DIR).',
  );
}

function idOf(response: { data?: UploadData } | undefined, step: string): UploadData {
  const data = response?.data;
  if (!data?.id) throw new Error(`X's media ${step} answer has no media id`);
  return data;
}

/**
 * Polls STATUS until X has processed the media, honouring `check_after_secs`, within a bound.
 * Returns the last answer, whose `expires_after_secs` is the freshest.
 */
async function waitForProcessing(v2: V2, row: Media, uploaded: UploadData): Promise<UploadData> {
  const deadline = Date.now() + MAX_PROCESSING_MS;
  let last = uploaded;
  let info = uploaded.processing_info;
  while (info && info.state !== 'succeeded') {
    if (info.state === 'failed') {
      const why = info.error?.message ?? info.error?.name ?? 'no reason given';
      throw new XMediaError(
        `X could not process the ${NAMES[row.kind]} (${why}). Replace it with another file ` +
          (row.kind === 'video' ? '(X takes MP4 or MOV with H.264 video and AAC audio) ' : '') +
          'and schedule the post again.',
      );
    }
    const wait = Math.min(info.check_after_secs && info.check_after_secs > 0 ? info.check_after_secs * 1000 : DEFAULT_CHECK_AFTER_MS, MAX_CHECK_AFTER_MS);
    if (Date.now() + wait > deadline) {
      throw new XMediaError(`X was still processing the ${NAMES[row.kind]} after ${MAX_PROCESSING_MS / 60_000} minutes`, false);
    }
    await sleep(wait);
    last = idOf(await v2.get<{ data?: UploadData }>('media/upload', { command: 'STATUS', media_id: uploaded.id }), 'status');
    info = last.processing_info;
  }
  return last;
}

/** Images: one multipart request (at most 5 MB, read whole). */
async function uploadImage(v2: V2, row: Media): Promise<UploadData> {
  const bytes = await readFile(mediaPath(row.storageKey));
  const response = await v2.post<{ data?: UploadData }>('media/upload', { media: bytes, media_category: 'tweet_image' }, { forceBodyMode: 'form-data' });
  return idOf(response, 'upload');
}

/** GIFs and videos: initialize, append the file in segments read from disk, finalize. */
async function uploadChunked(v2: V2, row: Media): Promise<UploadData> {
  const init = idOf(
    await v2.post<{ data?: UploadData }>('media/upload/initialize', {
      media_type: row.mimeType,
      total_bytes: row.byteSize,
      media_category: row.kind === 'gif' ? 'tweet_gif' : 'tweet_video',
    }),
    'initialize',
  );
  let segment = 0;
  for await (const chunk of readMediaChunks(row.storageKey, CHUNK_BYTES)) {
    await v2.post(`media/upload/${init.id}/append`, { segment_index: segment++, media: chunk }, { forceBodyMode: 'form-data' });
  }
  return idOf(await v2.post<{ data?: UploadData }>(`media/upload/${init.id}/finalize`), 'finalize');
}

export interface UploadedMedia {
  /** X's media ids, in the part's order. */
  ids: string[];
  /** When the first of them expires at X. */
  expiresAt: Date;
}

/**
 * Uploads each media item of one part to X as the account behind `token`, waits for X to
 * process GIFs and videos, sets alt text, and returns X's media ids in the same order.
 * Failures: X's answers throw twitter-api-v2's errors; a file X could not process, or one
 * missing from the media storage, throws XMediaError (permanent, with an actionable reason).
 */
export async function uploadPartMedia(token: string, media: { mediaId: string; altText?: string }[]): Promise<UploadedMedia> {
  let expiresAt = Date.now() + DEFAULT_LIFETIME_MS;
  if (media.length === 0) return { ids: [], expiresAt: new Date(expiresAt) };
  const rows = await mediaByIds(media.map((m) => m.mediaId));
  const v2 = xUserClient(token).v2;
  const ids: string[] = [];
  for (const item of media satisfies PartMedia[]) {
    const row = rows.get(item.mediaId);
    if (!row) throw missing();
    let uploaded: UploadData;
    try {
      uploaded = row.kind === 'image' ? await uploadImage(v2, row) : await uploadChunked(v2, row);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw missing();
      throw error;
    }
    const processed = await waitForProcessing(v2, row, uploaded);
    if (processed.expires_after_secs !== undefined) expiresAt = Math.min(expiresAt, Date.now() + processed.expires_after_secs * 1000);
    if (item.altText) {
      await v2.post('media/metadata', { id: uploaded.id, metadata: { alt_text: { text: item.altText } } });
    }
    logger().debug({ event: 'media_uploaded', mediaId: row.id, xMediaId: uploaded.id, kind: row.kind, bytes: row.byteSize }, 'media uploaded to X');
    ids.push(uploaded.id);
  }
  return { ids, expiresAt: new Date(expiresAt) };
}
