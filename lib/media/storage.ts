import { randomUUID } from 'node:crypto';
import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { config } from '../config';

/**
 * Herald's media storage: files under MEDIA_DIR, shared by the web app (which saves uploads)
 * and the worker (which sends them to X). A storage key is a path relative to MEDIA_DIR.
 */

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'video/mp4': 'mp4',
  'video/quicktime': 'mov',
};

export function storageKeyFor(id: string, mimeType: string): string {
  // Two-character fan-out keeps directories small.
  return `${id.slice(0, 2)}/${id}.${EXTENSIONS[mimeType] ?? 'bin'}`;
}

/** The absolute path of a key; a key that would leave MEDIA_DIR is refused. */
export function mediaPath(key: string): string {
  const root = config().mediaDir;
  const full = path.resolve(root, key);
  if (!full.startsWith(root + path.sep)) throw new Error(`media key outside the media directory: ${key}`);
  return full;
}

/** A file being written: bytes go to a temporary name, and only `commit` gives it its key. */
export interface MediaWriter {
  write(chunk: Uint8Array): Promise<void>;
  /** Closes the file and moves it to `key`, atomically (same directory tree, one rename). */
  commit(key: string): Promise<void>;
  /** Closes and removes the temporary file; safe to call more than once, or after commit. */
  discard(): Promise<void>;
}

export async function createMediaWriter(): Promise<MediaWriter> {
  const tmpDir = path.join(config().mediaDir, 'tmp');
  await mkdir(tmpDir, { recursive: true });
  const tmpPath = path.join(tmpDir, `${randomUUID()}.part`);
  let handle: FileHandle | null = await open(tmpPath, 'wx', 0o640);
  let committed = false;
  const close = async () => {
    const h = handle;
    handle = null;
    await h?.close();
  };
  return {
    async write(chunk) {
      if (!handle) throw new Error('media writer is closed');
      let offset = 0;
      while (offset < chunk.length) {
        const { bytesWritten } = await handle.write(chunk, offset, chunk.length - offset);
        offset += bytesWritten;
      }
    },
    async commit(key) {
      if (!handle) throw new Error('media writer is closed');
      await handle.sync();
      await close();
      const target = mediaPath(key);
      await mkdir(path.dirname(target), { recursive: true });
      await rename(tmpPath, target);
      committed = true;
    },
    async discard() {
      await close().catch(() => undefined);
      if (!committed) await rm(tmpPath, { force: true });
    },
  };
}

/** The file's bytes in pieces of at most `chunkSize`, read as they are consumed. */
export async function* readMediaChunks(key: string, chunkSize: number): AsyncGenerator<Buffer> {
  const handle = await open(mediaPath(key), 'r');
  try {
    for (;;) {
      const buffer = Buffer.alloc(chunkSize);
      let filled = 0;
      while (filled < chunkSize) {
        const { bytesRead } = await handle.read(buffer, filled, chunkSize - filled, null);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      if (filled === 0) return;
      yield filled === chunkSize ? buffer : buffer.subarray(0, filled);
      if (filled < chunkSize) return;
    }
  } finally {
    await handle.close();
  }
}

/** A web stream of the file, for a Response body; the file is closed when done or cancelled. */
export async function mediaReadableStream(key: string, chunkSize = 256 * 1024): Promise<ReadableStream<Uint8Array>> {
  const handle = await open(mediaPath(key), 'r');
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await handle.close();
  };
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const buffer = new Uint8Array(chunkSize);
        const { bytesRead } = await handle.read(buffer, 0, chunkSize, null);
        if (bytesRead === 0) {
          await close();
          controller.close();
        } else {
          controller.enqueue(buffer.subarray(0, bytesRead));
        }
      } catch (error) {
        await close().catch(() => undefined);
        controller.error(error);
      }
    },
    async cancel() {
      await close();
    },
  });
}

export async function deleteMediaFile(key: string): Promise<void> {
  await rm(mediaPath(key), { force: true });
}
