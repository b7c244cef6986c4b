import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mp4, png } from '../../x-sandbox/test-support';
import type { Sandbox } from '../../x-sandbox/server';
import { config } from '@/lib/config';
import { closeDb, db } from '@/lib/db';
import { media as mediaTable, postParts } from '@/lib/db/schema';
import { mediaPath } from '@/lib/media/storage';
import { mediaFileResponse } from '@/lib/media/serve';
import { saveUpload } from '@/lib/media/upload';
import type { MediaView } from '@/lib/media/view';
import { createPost, updatePost } from '@/lib/posts/commands';
import { createPostInput, updatePostInput } from '@/lib/posts/input';
import { getPost } from '@/lib/posts/queries';
import { publishPost } from '@/lib/publishing/publish';
import { closeQueue } from '@/lib/queue';
import { classifyXError } from '@/lib/x/errors';
import { uploadPartMedia } from '@/lib/publishing/upload-media';
import { eq } from 'drizzle-orm';
import { connectSandboxUser, control, startTestSandbox } from '../support/sandbox';
import { createUserWithAccount } from '../support/fixtures';
import { waitUntil } from '../support/processes';
import { refusal } from '../support/refusal';

interface SandboxMedia {
  id: string;
  owner_id: string;
  media_type: string;
  media_category: string;
  total_bytes: number;
  phase: string;
  chunked: boolean;
  processing_info: { state: string } | null;
  alt_text: string | null;
}

interface SandboxRequest {
  seq: number;
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  status: number | null;
  time: number;
}

let sandbox: Sandbox;
let mediaDir: string;

beforeAll(async () => {
  // Before anything reads the configuration: this file's own media storage and X.
  mediaDir = await mkdtemp(path.join(tmpdir(), 'herald-media-test-'));
  process.env.MEDIA_DIR = mediaDir;
  sandbox = await startTestSandbox();
});

afterEach(async () => {
  await control(sandbox, 'DELETE', '/faults');
  await control(sandbox, 'POST', '/config', { mediaProcessingMs: 1000 });
});

afterAll(async () => {
  await closeQueue();
  await closeDb();
  await sandbox.close();
  await rm(mediaDir, { recursive: true, force: true });
});

/** A multipart upload as the browser sends it, to the same function the route calls. */
function uploadRequest(bytes: Buffer, name: string, type = 'application/octet-stream', field = 'file'): Request {
  const form = new FormData();
  form.append(field, new Blob([new Uint8Array(bytes)], { type }), name);
  return new Request('http://localhost/api/v1/media', { method: 'POST', body: form });
}

async function upload(userId: string, bytes: Buffer, name: string, type?: string): Promise<MediaView> {
  return saveUpload(userId, uploadRequest(bytes, name, type));
}

const sandboxMedia = () => control<SandboxMedia[]>(sandbox, 'GET', '/media');
const requests = (since: number, pathFilter?: string) =>
  control<SandboxRequest[]>(sandbox, 'GET', `/requests?since=${since}${pathFilter ? `&path=${encodeURIComponent(pathFilter)}` : ''}`);
async function lastSeq(): Promise<number> {
  const all = await control<SandboxRequest[]>(sandbox, 'GET', '/requests');
  return all.at(-1)?.seq ?? 0;
}

describe('media storage and the upload API', () => {
  it('resolves MEDIA_DIR to an absolute path', () => {
    expect(config().mediaDir).toBe(mediaDir);
    expect(path.isAbsolute(config().mediaDir)).toBe(true);
  });

  it('saves a file under its real type, whatever the client claims, and serves it to its owner only', async () => {
    const { user } = await createUserWithAccount();
    const bytes = png(800, 600, 2048);
    const saved = await upload(user.id, bytes, 'holiday.mov', 'video/quicktime');
    expect(saved).toEqual({ id: expect.any(String) as string, kind: 'image', mimeType: 'image/png', size: 2048 });

    const [row] = await db().select().from(mediaTable).where(eq(mediaTable.id, saved.id));
    expect(row).toMatchObject({ userId: user.id, kind: 'image', mimeType: 'image/png', byteSize: 2048, width: 800, height: 600 });
    expect(existsSync(mediaPath(row!.storageKey))).toBe(true);
    // Nothing left behind under a temporary name.
    expect(await readdir(path.join(mediaDir, 'tmp'))).toEqual([]);

    const res = await mediaFileResponse(user.id, saved.id);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);

    const other = await createUserWithAccount();
    expect((await refusal(mediaFileResponse(other.user.id, saved.id))).status).toBe(404);
    expect((await refusal(mediaFileResponse(user.id, crypto.randomUUID()))).status).toBe(404);
    expect((await refusal(mediaFileResponse(user.id, 'not-a-uuid'))).status).toBe(404);
  });

  it('refuses an unknown type, a file over X limit for its kind, an empty body and a missing field', async () => {
    const { user } = await createUserWithAccount();
    const svg = await refusal(upload(user.id, Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"></svg>'), 'logo.png', 'image/png'));
    expect(svg.status).toBe(400);
    expect(svg.message).toMatch(/Unsupported file type.*JPEG, PNG or WebP/);

    const big = await refusal(upload(user.id, png(10, 10, 5 * 1024 * 1024 + 1), 'big.png'));
    expect(big.status).toBe(400);
    expect(big.message).toBe("This file is over 5 MB, X's limit for images.");

    // The same size is fine for a video.
    expect((await upload(user.id, mp4(5 * 1024 * 1024 + 1), 'clip.mp4')).kind).toBe('video');

    expect((await refusal(upload(user.id, Buffer.alloc(0), 'empty.png'))).message).toBe('The file is empty.');
    expect((await refusal(saveUpload(user.id, uploadRequest(png(1, 1), 'x.png', 'image/png', 'media')))).message).toMatch(/field named "file"/);
    const json = new Request('http://localhost/api/v1/media', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    expect((await refusal(saveUpload(user.id, json))).message).toMatch(/multipart\/form-data/);

    const rows = await db().select().from(mediaTable).where(eq(mediaTable.userId, user.id));
    expect(rows).toHaveLength(1);
    expect(await readdir(path.join(mediaDir, 'tmp'))).toEqual([]);
  });
});

describe('posts with media', () => {
  it('stores media ids and alt text on parts and shows them in the view', async () => {
    const { user, account } = await createUserWithAccount();
    const a = await upload(user.id, png(10, 10), 'a.png');
    const v = await upload(user.id, mp4(1000), 'v.mp4');
    const post = await createPost(
      user.id,
      createPostInput.parse({
        accountId: account.id,
        parts: [
          { text: 'look', media: [{ id: a.id, altText: '  A red square  ' }] },
          { text: 'and watch', media: [{ id: v.id }] },
          { text: 'the end' },
        ],
      }),
    );
    expect(post.parts.map((p) => p.media)).toEqual([
      [{ id: a.id, kind: 'image', mimeType: 'image/png', altText: 'A red square' }],
      [{ id: v.id, kind: 'video', mimeType: 'video/mp4', altText: null }],
      [],
    ]);

    const edited = await updatePost(user.id, post.id, updatePostInput.parse({ parts: [{ text: 'just one', media: [{ id: v.id, altText: 'a clip' }] }] }));
    expect(edited.parts).toEqual([
      { position: 0, text: 'just one', xPostId: null, media: [{ id: v.id, kind: 'video', mimeType: 'video/mp4', altText: 'a clip' }], poll: null, quotePostId: null, replyToPostId: null },
    ]);
    expect((await getPost(user.id, post.id)).parts[0]!.media[0]!.altText).toBe('a clip');
  });

  it("refuses another user's media and parts that break X's rule, naming the part", async () => {
    const { user, account } = await createUserWithAccount();
    const other = await createUserWithAccount();
    const theirs = await upload(other.user.id, png(10, 10), 'theirs.png');
    const image = await upload(user.id, png(10, 10), 'i.png');
    const video = await upload(user.id, mp4(1000), 'v.mp4');

    const stolen = await refusal(createPost(user.id, createPostInput.parse({ accountId: account.id, parts: [{ text: 'one' }, { text: 'two', media: [{ id: theirs.id }] }] })));
    expect(stolen.status).toBe(400);
    expect(stolen.fields).toEqual({ 'parts.1.media': ['Unknown media: upload the file again.'] });

    const mixed = await refusal(createPost(user.id, createPostInput.parse({ accountId: account.id, parts: [{ text: 'mixed', media: [{ id: image.id }, { id: video.id }] }] })));
    expect(mixed.fields).toEqual({ 'parts.0.media': ['A post with a GIF or a video cannot have images too.'] });

    const tooMany = createPostInput.safeParse({ accountId: account.id, parts: [{ text: 'many', media: Array.from({ length: 5 }, () => ({ id: crypto.randomUUID() })) }] });
    expect(tooMany.error?.issues[0]?.path).toEqual(['parts', 0, 'media']);
    const longAlt = createPostInput.safeParse({ accountId: account.id, parts: [{ text: 'alt', media: [{ id: image.id, altText: 'x'.repeat(1001) }] }] });
    expect(longAlt.error?.issues[0]?.path).toEqual(['parts', 0, 'media', 0, 'altText']);
    const twice = createPostInput.safeParse({ accountId: account.id, parts: [{ text: 'twice', media: [{ id: image.id }, { id: image.id }] }] });
    expect(twice.error?.issues[0]?.message).toBe('The same file is attached twice');
  });
});

describe('uploading a part’s media to X at publish time', () => {
  it('uploads an image in one request and sets its alt text', async () => {
    const { user, tokens, xUserId } = await connectSandboxUser(sandbox);
    const image = await upload(user.id, png(640, 480, 4096), 'photo.png');
    const since = await lastSeq();

    const { ids, expiresAt } = await uploadPartMedia(tokens.access_token, [{ mediaId: image.id, altText: 'A sunset over the sea' }]);
    expect(ids).toHaveLength(1);
    // X says how long the id lives (24 hours); the expiry travels with the ids.
    expect(expiresAt.getTime() - Date.now()).toBeGreaterThan(23 * 3600_000);

    const onX = (await sandboxMedia()).find((m) => m.id === ids[0]);
    expect(onX).toMatchObject({ owner_id: xUserId, media_type: 'image/png', media_category: 'tweet_image', total_bytes: 4096, chunked: false, alt_text: 'A sunset over the sea' });
    const sent = await requests(since);
    expect(sent.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(['POST /2/media/upload 200', 'POST /2/media/metadata 200']);
    expect(sent[1]!.body).toEqual({ id: ids[0], metadata: { alt_text: { text: 'A sunset over the sea' } } });

    // X accepts a post carrying it.
    const post = await fetch(`${sandbox.url}/2/tweets`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.access_token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'with a picture', media: { media_ids: ids } }),
    });
    expect(post.status).toBe(201);
  });

  it('uploads a video in segments, waits for processing as X asks, and keeps the order of several items', async () => {
    const { user, tokens } = await connectSandboxUser(sandbox);
    const size = 4 * 1024 * 1024 + 300_000; // two segments of at most 4 MB
    const video = await upload(user.id, mp4(size), 'clip.mp4');
    const since = await lastSeq();

    const started = Date.now();
    const {
      ids: [videoId],
    } = await uploadPartMedia(tokens.access_token, [{ mediaId: video.id, altText: 'A short clip' }]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);

    const onX = (await sandboxMedia()).find((m) => m.id === videoId);
    expect(onX).toMatchObject({ media_type: 'video/mp4', media_category: 'tweet_video', total_bytes: size, chunked: true, alt_text: 'A short clip' });
    expect(onX!.processing_info?.state).toBe('succeeded');

    const sent = await requests(since);
    const steps = sent.map((r) => `${r.method} ${r.path.replace(videoId!, '{id}')}`);
    expect(steps.slice(0, 4)).toEqual(['POST /2/media/upload/initialize', 'POST /2/media/upload/{id}/append', 'POST /2/media/upload/{id}/append', 'POST /2/media/upload/{id}/finalize']);
    expect(steps.slice(4, -1).every((s) => s === 'GET /2/media/upload')).toBe(true);
    expect(steps.at(-1)).toBe('POST /2/media/metadata');
    expect(sent[0]!.body).toEqual({ media_type: 'video/mp4', total_bytes: size, media_category: 'tweet_video' });
    // The first status look waited for check_after_secs (1 s) after finalize.
    const finalize = sent[3]!;
    const firstStatus = sent[4]!;
    expect(firstStatus.query).toMatchObject({ command: 'STATUS', media_id: videoId });
    expect(firstStatus.time - finalize.time).toBeGreaterThanOrEqual(900);

    // Several images: X's ids come back in the order given.
    const images = await Promise.all([1, 2, 3].map((n) => upload(user.id, png(n, n), `${n}.png`)));
    const { ids } = await uploadPartMedia(tokens.access_token, images.map((m) => ({ mediaId: m.id })));
    const byId = new Map((await sandboxMedia()).map((m) => [m.id, m]));
    expect(ids.map((id) => byId.get(id)?.alt_text)).toEqual([null, null, null]);
    expect(new Set(ids).size).toBe(3);
  });

  it('fails permanently, with a reason a person can act on, when X cannot process the video', async () => {
    const { user, tokens, xUserId } = await connectSandboxUser(sandbox);
    const video = await upload(user.id, mp4(2000), 'broken.mp4');
    await control(sandbox, 'POST', '/config', { mediaProcessingMs: 4000 });

    const uploading = uploadPartMedia(tokens.access_token, [{ mediaId: video.id }]).then(
      () => null,
      (e: unknown) => e,
    );
    // While X processes it, make the processing fail.
    const onX = await waitUntil(async () => (await sandboxMedia()).find((m) => m.owner_id === xUserId && m.phase === 'finalized'), {
      what: 'the video finalized on X',
      timeoutMs: 2_500,
      intervalMs: 50,
    });
    await control(sandbox, 'POST', `/media/${onX.id}/fail`, { message: 'Unsupported video codec.' });

    const error = await uploading;
    expect(error).toBeInstanceOf(Error);
    const failure = classifyXError(error);
    expect(failure.kind).toBe('permanent');
    expect(failure.reason).toMatch(/^X could not process the video \(Unsupported video codec\.\)\. Replace it with another file/);
  });

  it('fails permanently when the file is gone from the media storage', async () => {
    const { user, tokens } = await connectSandboxUser(sandbox);
    const image = await upload(user.id, png(5, 5), 'gone.png');
    const [row] = await db().select().from(mediaTable).where(eq(mediaTable.id, image.id));
    await unlink(mediaPath(row!.storageKey));

    const error = await uploadPartMedia(tokens.access_token, [{ mediaId: image.id }]).catch((e: unknown) => e);
    const failure = classifyXError(error);
    expect(failure.kind).toBe('permanent');
    expect(failure.reason).toMatch(/no longer in Herald's media storage.*MEDIA_DIR/);
    expect(classifyXError(await uploadPartMedia(tokens.access_token, [{ mediaId: crypto.randomUUID() }]).catch((e: unknown) => e)).kind).toBe('permanent');
  });

  it('a failed upload leaves no sent marker: the retry sends without looking on X first', async () => {
    const { user, account, xUserId } = await connectSandboxUser(sandbox);
    const image = await upload(user.id, png(5, 5), 'retry.png');
    const post = await createPost(
      user.id,
      createPostInput.parse({ accountId: account.id, parts: [{ text: 'picture, second try', media: [{ id: image.id }] }], publishNow: true }),
    );
    const since = await lastSeq();
    await control(sandbox, 'POST', '/faults', [{ path: '/2/media/upload', method: 'POST', status: 503, times: 1 }]);
    expect((await publishPost(post.id, post.revision)).outcome).toBe('retry');
    const [part] = await db().select().from(postParts).where(eq(postParts.postId, post.id));
    expect(part!.sentAt).toBeNull();

    expect((await publishPost(post.id, post.revision)).outcome).toBe('published');
    expect(await requests(since, `/2/users/${xUserId}/tweets`)).toHaveLength(0);
    expect((await getPost(user.id, post.id)).status).toBe('published');
  });

  it("keeps X's own answers classifiable: a 503 on append is transient", async () => {
    const { user, tokens } = await connectSandboxUser(sandbox);
    const gif = await upload(user.id, Buffer.concat([Buffer.from('GIF89a', 'latin1'), Buffer.from([1, 0, 1, 0]), Buffer.alloc(100)]), 'a.gif');
    await control(sandbox, 'POST', '/faults', [{ path: '/2/media/upload/*/append', method: 'POST', status: 503, times: 1 }]);
    const error = await uploadPartMedia(tokens.access_token, [{ mediaId: gif.id }]).catch((e: unknown) => e);
    expect(classifyXError(error).kind).toBe('transient');
    const {
      ids: [id],
    } = await uploadPartMedia(tokens.access_token, [{ mediaId: gif.id }]);
    expect((await sandboxMedia()).find((m) => m.id === id)).toMatchObject({ media_type: 'image/gif', media_category: 'tweet_gif', chunked: true });
  });
});
