import { randomUUID } from 'node:crypto';
import { db } from '../db';
import { media } from '../db/schema';
import { AppError } from '../errors';
import { formatBytes, MEDIA_MAX_BYTES, MEDIA_MAX_UPLOAD_BYTES, MEDIA_TYPES_TEXT, overLimitMessage } from '../x/rules';
import { MultipartError, multipartBoundary, readMultipart } from './multipart';
import { imageDimensions, SNIFF_BYTES, sniffType, type SniffedType } from './sniff';
import { createMediaWriter, deleteMediaFile, storageKeyFor, type MediaWriter } from './storage';
import type { MediaView } from './view';

/** Form field the file travels in. */
export const MEDIA_FIELD = 'file';
/** Enough of the start of a file for image dimensions (a JPEG's frame header may come late). */
const HEAD_BYTES = 64 * 1024;
/** Multipart framing and small fields around the file. */
const FORM_OVERHEAD_BYTES = 64 * 1024;
/** The file and a few small fields at most; a form of many parts is refused. */
const MAX_FORM_PARTS = 8;

const badType = () => new AppError(400, `Unsupported file type: Herald takes ${MEDIA_TYPES_TEXT}.`);

interface Received {
  type: SniffedType;
  size: number;
  head: Buffer;
}

/** Streams the `file` part to the writer, checking its real type and X's size limit as it goes. */
async function receive(body: AsyncIterable<Uint8Array>, boundary: string, writer: MediaWriter): Promise<Received> {
  let inFile = false;
  let seenFile = false;
  let size = 0;
  // Every part's bytes count, not only the file's: a huge field beside it is refused too.
  let formBytes = 0;
  let formParts = 0;
  let type: SniffedType | null = null;
  const head: Buffer[] = [];
  let headSize = 0;

  const identify = (): SniffedType => {
    const sniffed = sniffType(Buffer.concat(head));
    if (!sniffed) throw badType();
    return sniffed;
  };

  for await (const event of readMultipart(body, boundary)) {
    if (event.type === 'part') {
      if (++formParts > MAX_FORM_PARTS) throw new AppError(400, `Send the file alone: a form with more than ${MAX_FORM_PARTS} parts is refused.`);
      inFile = event.part.name === MEDIA_FIELD;
      if (inFile && seenFile) throw new AppError(400, 'Send one file per upload.');
      seenFile ||= inFile;
    } else if (event.type === 'data') {
      formBytes += event.chunk.length;
      if (formBytes > MEDIA_MAX_UPLOAD_BYTES + FORM_OVERHEAD_BYTES) {
        throw new AppError(413, `This upload is over ${formatBytes(MEDIA_MAX_UPLOAD_BYTES)}, the most Herald takes at once (X's limit for videos).`);
      }
      if (!inFile) continue; // other fields are not needed, but counted above
      const chunk = event.chunk;
      size += chunk.length;
      if (headSize < HEAD_BYTES) {
        const piece = Buffer.from(chunk.subarray(0, HEAD_BYTES - headSize));
        head.push(piece);
        headSize += piece.length;
      }
      if (!type && headSize >= SNIFF_BYTES) type = identify();
      const limit = type ? MEDIA_MAX_BYTES[type.kind] : MEDIA_MAX_UPLOAD_BYTES;
      if (size > limit) throw new AppError(400, type ? overLimitMessage(type.kind) : `This file is over ${formatBytes(limit)}.`);
      await writer.write(chunk);
    } else if (inFile) {
      inFile = false;
      if (size === 0) throw new AppError(400, 'The file is empty.');
      return { type: type ?? identify(), size, head: Buffer.concat(head) };
    }
  }
  throw new AppError(400, `No file: send it in a form field named "${MEDIA_FIELD}".`);
}

/**
 * Saves an uploaded file (multipart/form-data, field `file`) to the media storage and records
 * it as the user's. The body is streamed to disk under a temporary name and renamed once whole.
 */
export async function saveUpload(userId: string, request: Request): Promise<MediaView> {
  const boundary = multipartBoundary(request.headers.get('content-type'));
  if (!boundary || !request.body) throw new AppError(400, `Send the file as multipart/form-data, in a field named "${MEDIA_FIELD}".`);
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > MEDIA_MAX_UPLOAD_BYTES + FORM_OVERHEAD_BYTES) {
    throw new AppError(400, `This file is ${formatBytes(declared)}; X allows videos up to ${formatBytes(MEDIA_MAX_UPLOAD_BYTES)} and images much less.`);
  }

  const writer = await createMediaWriter();
  try {
    let received: Received;
    try {
      received = await receive(request.body, boundary, writer);
    } catch (error) {
      if (error instanceof MultipartError) throw new AppError(400, error.message);
      throw error;
    }
    const id = randomUUID();
    const { mimeType, kind } = received.type;
    const key = storageKeyFor(id, mimeType);
    const size = kind === 'image' || kind === 'gif' ? imageDimensions(received.head, mimeType) : null;
    await writer.commit(key);
    try {
      await db()
        .insert(media)
        .values({ id, userId, storageKey: key, mimeType, kind, byteSize: received.size, width: size?.width ?? null, height: size?.height ?? null });
    } catch (error) {
      await deleteMediaFile(key);
      throw error;
    }
    return { id, kind, mimeType, size: received.size };
  } finally {
    await writer.discard();
  }
}
