/**
 * X API v2 media upload:
 * - POST /2/media/upload (one request; multipart `media` + `media_category`, or JSON with base64 `media`;
 *   the older `command=INIT|APPEND|FINALIZE` multipart form of this endpoint is accepted too)
 * - POST /2/media/upload/initialize, /{id}/append, /{id}/finalize (chunked)
 * - GET /2/media/upload?command=STATUS&media_id= (processing_info: pending → in_progress → succeeded)
 * - POST /2/media/metadata (alt text)
 * Only sizes and a few header bytes (for image dimensions) are kept, never the media itself.
 */
import { authenticate, isReply, withHeaders, type Authed, type Ctx } from './context';
import { isJsonObject, json, type JsonObject, type Reply } from './http-util';
import { validateAgainst } from './openapi';
import { invalidParam, invalidRequest, NOT_JSON_MESSAGE } from './problems';
import type { MediaKind, MediaRecord, SandboxState } from './state';

const EXPIRES_AFTER_SECS = 86_400;
const POST_CATEGORIES = new Set(['tweet_image', 'tweet_gif', 'tweet_video', 'amplify_video']);

// ---- media type helpers ------------------------------------------------------------------------

export function kindOfMime(mime: string): MediaKind {
  const m = mime.toLowerCase();
  if (m === 'image/gif') return 'gif';
  if (m.startsWith('image/')) return 'image';
  if (m.startsWith('video/')) return 'video';
  if (m === 'text/srt' || m === 'text/vtt') return 'subtitles';
  return 'other';
}

/** Recognizes a few formats from their first bytes. */
export function sniffMime(b: Buffer): string | undefined {
  if (b.length >= 8 && b.readUInt32BE(0) === 0x89504e47) return 'image/png';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 6 && b.toString('latin1', 0, 4) === 'GIF8') return 'image/gif';
  if (b.length >= 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  if (b.length >= 12 && b.toString('latin1', 4, 8) === 'ftyp') {
    return b.toString('latin1', 8, 10) === 'qt' ? 'video/quicktime' : 'video/mp4';
  }
  if (b.length >= 4 && b.readUInt32BE(0) === 0x1a45dfa3) return 'video/webm';
  return undefined;
}

/** Width and height of PNG, GIF and JPEG images, from their headers. */
export function imageSize(b: Buffer): { w: number; h: number } | undefined {
  if (b.length >= 24 && b.readUInt32BE(0) === 0x89504e47) return { w: b.readUInt32BE(16), h: b.readUInt32BE(20) };
  if (b.length >= 10 && b.toString('latin1', 0, 4) === 'GIF8') return { w: b.readUInt16LE(6), h: b.readUInt16LE(8) };
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8) {
    let i = 2;
    while (i + 9 < b.length) {
      if (b[i] !== 0xff) return undefined;
      const marker = b[i + 1] ?? 0;
      const len = b.readUInt16BE(i + 2);
      const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
      if (isSof) return { h: b.readUInt16BE(i + 5), w: b.readUInt16BE(i + 7) };
      i += 2 + len;
    }
  }
  return undefined;
}

function expectedKinds(category: string): MediaKind[] {
  switch (category) {
    case 'tweet_image':
    case 'dm_image':
      return ['image', 'gif'];
    case 'tweet_gif':
    case 'dm_gif':
      return ['gif'];
    case 'tweet_video':
    case 'dm_video':
    case 'amplify_video':
      return ['video'];
    case 'subtitles':
      return ['subtitles'];
    default:
      return [];
  }
}

function defaultCategory(mime: string): string {
  const k = kindOfMime(mime);
  return k === 'gif' ? 'tweet_gif' : k === 'video' ? 'tweet_video' : k === 'subtitles' ? 'subtitles' : 'tweet_image';
}

function maxBytes(state: SandboxState, category: string): number {
  const c = state.config;
  if (category === 'tweet_image' || category === 'dm_image') return c.imageMaxBytes;
  if (category === 'tweet_gif' || category === 'dm_gif') return c.gifMaxBytes;
  if (category === 'subtitles') return 1024 * 1024;
  return c.videoMaxBytes;
}

function isAsync(category: string): boolean {
  return /_(video|gif)$/.test(category);
}

function mediaKeyPrefix(category: string, kind: MediaKind): string {
  if (category === 'amplify_video') return '13_';
  if (kind === 'video') return '7_';
  if (kind === 'gif' && category !== 'tweet_image' && category !== 'dm_image') return '16_';
  return '3_';
}

// ---- processing --------------------------------------------------------------------------------

export interface ProcessingInfo {
  state: 'pending' | 'in_progress' | 'succeeded' | 'failed';
  check_after_secs?: number;
  progress_percent?: number;
  error?: { code: number; name: string; message: string };
}

export function processingInfo(m: MediaRecord, now: number): ProcessingInfo | undefined {
  if (!m.async || m.finalizedAtMs === null) return undefined;
  if (m.phase === 'failed') {
    return { state: 'failed', progress_percent: 100, error: { code: 1, name: 'InvalidMedia', message: m.failure ?? 'Unsupported media.' } };
  }
  const elapsed = now - m.finalizedAtMs;
  if (m.processingMs <= 0 || elapsed >= m.processingMs) return { state: 'succeeded', progress_percent: 100 };
  const frac = elapsed / m.processingMs;
  const check = Math.max(1, Math.ceil((m.processingMs - elapsed) / 1000));
  if (frac < 0.2) return { state: 'pending', check_after_secs: check };
  return { state: 'in_progress', check_after_secs: check, progress_percent: Math.floor(frac * 100) };
}

/** Whether a post may attach this media now. */
export function mediaUsableBy(m: MediaRecord, userId: string, now: number): boolean {
  if (m.ownerId !== userId && !m.additionalOwners.includes(userId)) return false;
  if (!POST_CATEGORIES.has(m.category)) return false;
  if (m.phase !== 'finalized' || m.expiresAtMs <= now) return false;
  const info = processingInfo(m, now);
  return info === undefined || info.state === 'succeeded';
}

function mediaData(m: MediaRecord, now: number): JsonObject {
  const data: JsonObject = {
    id: m.id,
    media_key: m.mediaKey,
    expires_after_secs: Math.max(0, Math.floor((m.expiresAtMs - now) / 1000)),
  };
  if (m.phase === 'uploading') return data;
  data.size = m.totalBytes;
  if (m.kind === 'image' || (m.kind === 'gif' && !m.async)) {
    data.image = { image_type: m.mediaType, w: m.width ?? 1, h: m.height ?? 1 };
  }
  if (m.kind === 'video' || (m.kind === 'gif' && m.async)) data.video = { video_type: m.kind === 'gif' ? 'video/mp4' : m.mediaType };
  const info = processingInfo(m, now);
  if (info) data.processing_info = { ...info };
  return data;
}

// ---- shared steps ------------------------------------------------------------------------------

function newMedia(ctx: Ctx, a: Authed, mime: string, category: string, totalBytes: number, additionalOwners: string[]): MediaRecord | Reply {
  const kind = kindOfMime(mime);
  if (!expectedKinds(category).includes(kind)) {
    return invalidParam('media_category', category, `The media type ${mime} can not be uploaded as ${category}.`, a.headers);
  }
  const limit = maxBytes(ctx.state, category);
  if (totalBytes > limit) {
    return invalidParam('total_bytes', String(totalBytes), `File size exceeds ${limit} bytes.`, a.headers);
  }
  const id = ctx.state.ids.next();
  const now = ctx.state.clock.now();
  const m: MediaRecord = {
    id,
    mediaKey: `${mediaKeyPrefix(category, kind)}${id}`,
    ownerId: a.user.id,
    additionalOwners,
    mediaType: mime,
    category,
    kind,
    totalBytes,
    segments: {},
    phase: 'uploading',
    async: isAsync(category),
    createdAtMs: now,
    finalizedAtMs: null,
    processingMs: ctx.state.config.mediaProcessingMs,
    expiresAtMs: now + EXPIRES_AFTER_SECS * 1000,
    width: null,
    height: null,
    altText: null,
    failure: null,
    chunked: true,
  };
  ctx.state.media.set(id, m);
  ctx.state.changed();
  return m;
}

function finalizeMedia(ctx: Ctx, a: Authed, m: MediaRecord): Reply | null {
  if (m.phase !== 'uploading') return null;
  const indices = Object.keys(m.segments).map(Number).sort((x, y) => x - y);
  const total = Object.values(m.segments).reduce((s, n) => s + n, 0);
  const contiguous = indices.every((v, i) => v === i);
  if (!contiguous || total !== m.totalBytes) {
    return invalidParam('media_id', m.id, 'Segments do not add up to provided total file size.', a.headers);
  }
  m.phase = 'finalized';
  m.finalizedAtMs = ctx.state.clock.now();
  m.processingMs = ctx.state.config.mediaProcessingMs;
  ctx.state.changed();
  return null;
}

function ownedMedia(ctx: Ctx, a: Authed, id: string, param: string): MediaRecord | Reply {
  if (!/^[0-9]{1,19}$/.test(id)) return invalidParam(param, id, `The \`${param}\` parameter value [${id}] is not valid`, a.headers);
  const m = ctx.state.media.get(id);
  if (!m || (m.ownerId !== a.user.id && !m.additionalOwners.includes(a.user.id)) || m.expiresAtMs <= ctx.state.clock.now()) {
    return invalidParam(param, id, `The \`${param}\` parameter value [${id}] is not valid`, a.headers);
  }
  return m;
}

function isMedia(v: MediaRecord | Reply): v is MediaRecord {
  return (v as MediaRecord).mediaKey !== undefined;
}

function appendSegment(ctx: Ctx, a: Authed, m: MediaRecord, index: number, data: Buffer): Reply {
  if (m.phase !== 'uploading') return invalidParam('media_id', m.id, 'This upload has already been finalized.', a.headers);
  m.segments[String(index)] = data.length;
  const total = Object.values(m.segments).reduce((s, n) => s + n, 0);
  if (total > m.totalBytes) {
    delete m.segments[String(index)];
    return invalidParam('media', String(data.length), 'Segments exceed the total_bytes given when the upload was initialized.', a.headers);
  }
  if (index === 0) {
    const size = imageSize(data);
    if (size) {
      m.width = size.w;
      m.height = size.h;
    }
  }
  ctx.state.changed();
  return json(200, { data: { expires_at: Math.floor(m.expiresAtMs / 1000) } }, a.headers);
}

function additionalOwnersOf(v: unknown): string[] {
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  if (typeof v === 'string') return v.split(',').map((s) => s.trim()).filter(Boolean);
  return [];
}

// ---- endpoints ---------------------------------------------------------------------------------

/** POST /2/media/upload */
export function upload(ctx: Ctx): Reply {
  const a = authenticate(ctx, 'POST /2/media/upload');
  if (isReply(a)) return a;
  const p = ctx.parsed;
  let bytes: Buffer;
  let declaredMime: string | undefined;
  let category: string;
  let owners: string[];
  if (p.kind === 'multipart') {
    const command = p.fields.command?.toUpperCase();
    if (command) return legacyCommand(ctx, a, command, p.fields, p.files.media?.data);
    const file = p.files.media;
    const candidate: Record<string, unknown> = { ...p.fields };
    if (file) candidate.media = '(binary)';
    const errors = validateAgainst('MediaUploadRequest', candidate, true);
    if (errors.length || !file) return invalidRequest(errors, a.headers);
    bytes = file.data;
    const ct = file.contentType?.toLowerCase();
    declaredMime = ct && ct !== 'application/octet-stream' ? ct : undefined;
    category = String(candidate.media_category);
    owners = additionalOwnersOf(p.fields.additional_owners);
  } else if (p.kind === 'json') {
    const errors = validateAgainst('MediaUploadRequest', p.value);
    if (errors.length || !isJsonObject(p.value)) return invalidRequest(errors, a.headers);
    bytes = Buffer.from(String(p.value.media), 'base64');
    category = String(p.value.media_category);
    owners = additionalOwnersOf(p.value.additional_owners);
  } else if (p.kind === 'invalid-json') {
    return invalidParam('body', [], `Request body is not valid JSON: ${p.error}`, a.headers);
  } else {
    return invalidParam('body', [], 'Request body must be multipart/form-data or application/json.', a.headers);
  }
  const mime = sniffMime(bytes) ?? declaredMime ?? 'application/octet-stream';
  const created = newMedia(ctx, a, mime, category, bytes.length, owners);
  if (!isMedia(created)) return created;
  created.chunked = false;
  created.segments = { '0': bytes.length };
  const size = imageSize(bytes);
  if (size) {
    created.width = size.w;
    created.height = size.h;
  }
  finalizeMedia(ctx, a, created);
  return json(200, { data: mediaData(created, ctx.state.clock.now()) }, a.headers);
}

/** The `command=INIT|APPEND|FINALIZE` form of POST /2/media/upload (multipart fields). */
function legacyCommand(ctx: Ctx, a: Authed, command: string, f: Record<string, string>, data: Buffer | undefined): Reply {
  if (command === 'INIT') {
    const mime = f.media_type ?? '';
    const total = Number(f.total_bytes);
    if (!mime) return invalidParam('media_type', [], 'The `media_type` parameter is missing.', a.headers);
    if (!Number.isInteger(total) || total < 0) return invalidParam('total_bytes', f.total_bytes ?? '', 'The `total_bytes` parameter is invalid.', a.headers);
    const m = newMedia(ctx, a, mime, f.media_category ?? defaultCategory(mime), total, additionalOwnersOf(f.additional_owners));
    if (!isMedia(m)) return m;
    return json(200, { data: mediaData(m, ctx.state.clock.now()) }, a.headers);
  }
  const m = ownedMedia(ctx, a, f.media_id ?? '', 'media_id');
  if (!isMedia(m)) return m;
  if (command === 'APPEND') {
    const index = Number(f.segment_index);
    if (!Number.isInteger(index) || index < 0 || index > 999) {
      return invalidParam('segment_index', f.segment_index ?? '', 'The `segment_index` parameter is invalid.', a.headers);
    }
    const bytes = data ?? (f.media_data ? Buffer.from(f.media_data, 'base64') : undefined);
    if (!bytes) return invalidParam('media', [], 'The `media` parameter is missing.', a.headers);
    return appendSegment(ctx, a, m, index, bytes);
  }
  if (command === 'FINALIZE') {
    const err = finalizeMedia(ctx, a, m);
    return err ?? json(200, { data: mediaData(m, ctx.state.clock.now()) }, a.headers);
  }
  return invalidParam('command', command, 'The `command` parameter must be one of INIT, APPEND, FINALIZE.', a.headers);
}

/** POST /2/media/upload/initialize */
export function initialize(ctx: Ctx): Reply {
  const a = authenticate(ctx, 'POST /2/media/upload/initialize');
  if (isReply(a)) return a;
  const p = ctx.parsed;
  if (p.kind === 'invalid-json') return invalidParam('body', [], `Request body is not valid JSON: ${p.error}`, a.headers);
  if (p.kind !== 'json') return invalidParam('Content-Type', [], NOT_JSON_MESSAGE, a.headers);
  const errors = validateAgainst('InitializeMediaUploadRequest', p.value);
  if (errors.length || !isJsonObject(p.value)) return invalidRequest(errors, a.headers);
  const body = p.value;
  const missing = (['media_type', 'total_bytes'] as const).filter((k) => body[k] === undefined);
  if (missing.length) {
    return invalidRequest(
      missing.map((k) => ({ parameters: { [`$.${k}`]: [] }, message: `$.${k}: is missing but it is required` })),
      a.headers,
    );
  }
  const mime = String(body.media_type);
  const category = typeof body.media_category === 'string' ? body.media_category : defaultCategory(mime);
  const m = newMedia(ctx, a, mime, category, Number(body.total_bytes), additionalOwnersOf(body.additional_owners));
  if (!isMedia(m)) return m;
  return json(200, { data: mediaData(m, ctx.state.clock.now()) }, a.headers);
}

/** POST /2/media/upload/{id}/append */
export function append(ctx: Ctx): Reply {
  const a = authenticate(ctx, 'POST /2/media/upload/{id}/append');
  if (isReply(a)) return a;
  const m = ownedMedia(ctx, a, ctx.params.id ?? '', 'id');
  if (!isMedia(m)) return m;
  const p = ctx.parsed;
  let index: number;
  let bytes: Buffer;
  if (p.kind === 'multipart') {
    const file = p.files.media;
    const candidate: Record<string, unknown> = { ...p.fields };
    if (file) candidate.media = '(binary)';
    const errors = validateAgainst('AppendMediaUploadRequest', candidate, true);
    if (errors.length || !file) return invalidRequest(errors, a.headers);
    index = Number(candidate.segment_index);
    bytes = file.data;
  } else if (p.kind === 'json') {
    const errors = validateAgainst('AppendMediaUploadRequest', p.value);
    if (errors.length || !isJsonObject(p.value)) return invalidRequest(errors, a.headers);
    index = Number(p.value.segment_index);
    bytes = Buffer.from(String(p.value.media), 'base64');
  } else if (p.kind === 'invalid-json') {
    return invalidParam('body', [], `Request body is not valid JSON: ${p.error}`, a.headers);
  } else {
    return invalidParam('body', [], 'Request body must be multipart/form-data or application/json.', a.headers);
  }
  return appendSegment(ctx, a, m, index, bytes);
}

/** POST /2/media/upload/{id}/finalize */
export function finalize(ctx: Ctx): Reply {
  const a = authenticate(ctx, 'POST /2/media/upload/{id}/finalize');
  if (isReply(a)) return a;
  const m = ownedMedia(ctx, a, ctx.params.id ?? '', 'id');
  if (!isMedia(m)) return m;
  const err = finalizeMedia(ctx, a, m);
  return err ?? json(200, { data: mediaData(m, ctx.state.clock.now()) }, a.headers);
}

/** GET /2/media/upload?command=STATUS&media_id= */
export function status(ctx: Ctx): Reply {
  const a = authenticate(ctx, 'GET /2/media/upload');
  if (isReply(a)) return a;
  const command = ctx.url.searchParams.get('command');
  if (command !== null && command !== 'STATUS') {
    return invalidParam('command', command, `The \`command\` query parameter value [${command}] is not one of [STATUS]`, a.headers);
  }
  const id = ctx.url.searchParams.get('media_id');
  if (!id) return invalidParam('media_id', [], 'The `media_id` query parameter can not be empty', a.headers);
  const m = ownedMedia(ctx, a, id, 'media_id');
  if (!isMedia(m)) return m;
  return json(200, { data: mediaData(m, ctx.state.clock.now()) }, a.headers);
}

/** POST /2/media/metadata */
export function metadata(ctx: Ctx): Reply {
  const a = authenticate(ctx, 'POST /2/media/metadata');
  if (isReply(a)) return a;
  const p = ctx.parsed;
  if (p.kind === 'invalid-json') return invalidParam('body', [], `Request body is not valid JSON: ${p.error}`, a.headers);
  if (p.kind !== 'json') return invalidParam('Content-Type', [], NOT_JSON_MESSAGE, a.headers);
  const errors = validateAgainst('CreateMediaMetadataRequest', p.value);
  if (errors.length || !isJsonObject(p.value)) return invalidRequest(errors, a.headers);
  const m = ownedMedia(ctx, a, String(p.value.id), 'id');
  if (!isMedia(m)) return m;
  const meta = isJsonObject(p.value.metadata) ? p.value.metadata : {};
  const alt = isJsonObject(meta.alt_text) ? meta.alt_text.text : undefined;
  if (typeof alt === 'string') m.altText = alt;
  ctx.state.changed();
  return withHeaders(json(200, { data: { id: m.id, associated_metadata: meta } }), a.headers);
}

/** Control API helper: make a media's processing fail. */
export function failProcessing(m: MediaRecord, message: string, now: number): void {
  m.async = true;
  m.phase = 'failed';
  m.failure = message;
  m.finalizedAtMs ??= now;
}
