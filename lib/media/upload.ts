import { randomUUID } from 'node:crypto';
import { db } from '../db';
import { media } from '../db/schema';
import { AppError } from '../errors';
import { formatBytes, MEDIA_MAX_BYTES, MEDIA_MAX_UPLOAD_BYTES, MEDIA_TYPES_TEXT, overLimitMessage } from '../x/rules';
import { imageDimensions, SNIFF_BYTES, sniffType, type SniffedType } from './sniff';
import { createMediaWriter, deleteMediaFile, storageKeyFor, type MediaWriter } from './storage';
import { MAX_FORM_BYTES, readFileForm, type FileSink } from './upload-form';
import type { MediaView } from './view';

/** Enough of the start of a file for image dimensions (a JPEG's frame header may come late). */
const HEAD_BYTES = 64 * 1024;

const badType = () => new AppError(400, `Unsupported file type: Herald takes ${MEDIA_TYPES_TEXT}.`);

async function identify(head: Buffer): Promise<SniffedType> {
  const type = await sniffType(head);
  if (!type) throw badType();
  return type;
}

/**
 * The file as it streams to storage: its size, its first bytes and, as soon as they are in, its
 * real type, which sets the size it may reach (X's limit for that kind).
 */
class IncomingFile implements FileSink {
  size = 0;
  type: SniffedType | null = null;
  private readonly headPieces: Buffer[] = [];
  private headSize = 0;

  constructor(private readonly writer: MediaWriter) {}

  get head(): Buffer {
    return Buffer.concat(this.headPieces);
  }

  async write(chunk: Buffer): Promise<void> {
    this.size += chunk.length;
    if (this.headSize < HEAD_BYTES) {
      const piece = Buffer.from(chunk.subarray(0, HEAD_BYTES - this.headSize));
      this.headPieces.push(piece);
      this.headSize += piece.length;
    }
    if (!this.type && this.headSize >= SNIFF_BYTES) this.type = await identify(this.head);
    const limit = this.type ? MEDIA_MAX_BYTES[this.type.kind] : MEDIA_MAX_UPLOAD_BYTES;
    if (this.size > limit) throw this.tooLarge();
    await this.writer.write(chunk);
  }

  tooLarge(): AppError {
    return new AppError(400, this.type ? overLimitMessage(this.type.kind) : `This file is over ${formatBytes(MEDIA_MAX_UPLOAD_BYTES)}.`);
  }

  /** Once the whole file is in: its type (sniffed now if it is shorter than the sniffing length). */
  async finish(): Promise<SniffedType> {
    if (this.size === 0) throw new AppError(400, 'The file is empty.');
    this.type ??= await identify(this.head);
    return this.type;
  }
}

/**
 * Saves an uploaded file (multipart/form-data, field `file`) to the media storage and records
 * it as the user's. The body is streamed to disk under a temporary name and renamed once whole.
 */
export async function saveUpload(userId: string, request: Request): Promise<MediaView> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > MAX_FORM_BYTES) {
    throw new AppError(400, `This file is ${formatBytes(declared)}; X allows videos up to ${formatBytes(MEDIA_MAX_UPLOAD_BYTES)} and images much less.`);
  }

  const writer = await createMediaWriter();
  try {
    const file = new IncomingFile(writer);
    await readFileForm(request, file);
    const { mimeType, kind } = await file.finish();
    const id = randomUUID();
    const key = storageKeyFor(id, mimeType);
    const size = kind === 'image' || kind === 'gif' ? imageDimensions(file.head, mimeType) : null;
    await writer.commit(key);
    try {
      await db()
        .insert(media)
        .values({ id, userId, storageKey: key, mimeType, kind, byteSize: file.size, width: size?.width ?? null, height: size?.height ?? null });
    } catch (error) {
      await deleteMediaFile(key);
      throw error;
    }
    return { id, kind, mimeType, size: file.size };
  } finally {
    await writer.discard();
  }
}
