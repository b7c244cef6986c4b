import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mp4, png } from '../../x-sandbox/test-support';
import type { Sandbox } from '../../x-sandbox/server';
import { closeDb, db } from '@/lib/db';
import { media, postParts, posts } from '@/lib/db/schema';
import { mediaPath } from '@/lib/media/storage';
import { saveUpload } from '@/lib/media/upload';
import { createPost, updatePost } from '@/lib/posts/commands';
import { createPostInput, updatePostInput } from '@/lib/posts/input';
import { getPost } from '@/lib/posts/queries';
import { closeQueue } from '@/lib/queue';
import { sweep } from '@/lib/sweep';
import { createUserWithAccount } from '../support/fixtures';
import { spawnWorker, stopWorkers, waitUntil, waitForWorkerStart, type ChildHandle } from '../support/processes';
import { connectSandboxUser, control, sandboxTweets, startTestSandbox } from '../support/sandbox';
import { isolateQueue } from '../support/test-env';

let sandbox: Sandbox;
let mediaDir: string;
const workers: ChildHandle[] = [];

beforeAll(async () => {
  // Before anything reads the configuration: this file's own media storage, queue and X.
  mediaDir = await mkdtemp(path.join(tmpdir(), 'herald-media-life-'));
  process.env.MEDIA_DIR = mediaDir;
  process.env.CANCELLED_POST_RETENTION_DAYS = '1';
  isolateQueue('medialife');
  sandbox = await startTestSandbox();
});

afterAll(async () => {
  await stopWorkers(workers);
  await closeQueue();
  await closeDb();
  await sandbox.close();
  await rm(mediaDir, { recursive: true, force: true });
});

function form(parts: [string, Blob | string, string?][]): Request {
  const body = new FormData();
  for (const [name, value, filename] of parts) {
    if (typeof value === 'string') body.append(name, value);
    else body.append(name, value, filename);
  }
  return new Request('http://localhost/api/v1/media', { method: 'POST', body });
}

const file = (bytes: Buffer) => new Blob([new Uint8Array(bytes)], { type: 'application/octet-stream' });

async function uploadPng(userId: string) {
  return saveUpload(userId, form([['file', file(png(64, 64, 2048)), 'a.png']]));
}

describe('the sweep keeps what users leave behind bounded', () => {
  it('deletes cancelled posts past their retention, unused files and dead uploads, and nothing in use', async () => {
    const { user, account } = await createUserWithAccount();
    const [used, orphan, recent, ofCancelled] = [await uploadPng(user.id), await uploadPng(user.id), await uploadPng(user.id), await uploadPng(user.id)];
    const draft = await createPost(user.id, createPostInput.parse({ accountId: account.id, parts: [{ text: 'keeps its file', media: [{ id: used.id }] }] }));
    const cancelled = await createPost(user.id, createPostInput.parse({ accountId: account.id, parts: [{ text: 'dropped', media: [{ id: ofCancelled.id }] }] }));
    await updatePost(user.id, cancelled.id, updatePostInput.parse({ status: 'cancelled' }));
    const cancelledToday = await createPost(user.id, createPostInput.parse({ accountId: account.id, parts: [{ text: 'dropped today' }] }));
    await updatePost(user.id, cancelledToday.id, updatePostInput.parse({ status: 'cancelled' }));

    // Time passes: two days for everything but `recent` and the post cancelled today.
    const twoDaysAgo = sql`now() - interval '2 days'`;
    await db().update(media).set({ createdAt: twoDaysAgo, lastUsedAt: twoDaysAgo }).where(sql`${media.id} in (${used.id}, ${orphan.id}, ${ofCancelled.id})`);
    await db().update(posts).set({ updatedAt: twoDaysAgo }).where(eq(posts.id, cancelled.id));
    const tmp = path.join(mediaDir, 'tmp');
    await mkdir(tmp, { recursive: true });
    const dead = path.join(tmp, 'dead.part');
    const live = path.join(tmp, 'live.part');
    await writeFile(dead, 'half an upload');
    await writeFile(live, 'an upload in progress');
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    await utimes(dead, twoHoursAgo, twoHoursAgo);

    const keyOf = async (id: string) => (await db().select({ key: media.storageKey }).from(media).where(eq(media.id, id)))[0]!.key;
    const orphanFile = mediaPath(await keyOf(orphan.id));
    const first = await sweep();
    expect(first.cancelledPosts).toBeGreaterThanOrEqual(1);
    expect(first.staleUploads).toBeGreaterThanOrEqual(1);
    expect(existsSync(orphanFile)).toBe(false);
    expect(existsSync(dead)).toBe(false);
    expect(existsSync(live)).toBe(true);
    // The cancelled post's file is free once its post is gone: the next sweep takes it.
    await sweep();
    const left = (await db().select({ id: media.id }).from(media).where(eq(media.userId, user.id))).map((r) => r.id).sort();
    expect(left).toEqual([used.id, recent.id].sort());
    const remaining = (await db().select({ id: posts.id }).from(posts).where(eq(posts.userId, user.id))).map((r) => r.id).sort();
    expect(remaining).toEqual([draft.id, cancelledToday.id].sort());
    expect((await getPost(user.id, draft.id)).parts[0]!.media.map((m) => m.id)).toEqual([used.id]);
  });
});

describe('media goes to X ahead of the post', () => {
  it('a post with a video that X takes seconds to process goes out on time', async () => {
    await control(sandbox, 'POST', '/config', { mediaProcessingMs: 3_000 });
    const worker = spawnWorker({ MEDIA_DIR: mediaDir });
    workers.push(worker);
    await waitForWorkerStart(worker);
    const { user, account } = await connectSandboxUser(sandbox);
    const video = await saveUpload(user.id, form([['file', file(mp4(600_000)), 'clip.mp4']]));
    const at = new Date(Date.now() + 8_000);
    const post = await createPost(user.id, createPostInput.parse({ accountId: account.id, parts: [{ text: 'video on time', media: [{ id: video.id }] }], scheduledAt: at.toISOString() }));

    // Uploaded and processed well before its time.
    await waitUntil(
      async () => (await db().select({ x: postParts.xMedia }).from(postParts).where(eq(postParts.postId, post.id)))[0]?.x,
      { what: 'media prepared', timeoutMs: 7_000, intervalMs: 100 },
    );
    const [tweet] = await waitUntil(async () => {
      const tweets = await sandboxTweets(sandbox, account.username);
      return tweets.length ? tweets : null;
    }, { what: 'the post on X', timeoutMs: 15_000 });
    const late = tweet!.created_at - at.getTime();
    expect(late).toBeGreaterThanOrEqual(0);
    expect(late).toBeLessThan(1_000);
    // X answers before the worker records the answer: the status follows a moment later.
    await waitUntil(async () => (await getPost(user.id, post.id)).status === 'published', { what: 'the post recorded as published', timeoutMs: 5_000, intervalMs: 50 });
  });
});
