import { z } from 'zod';
import { notFound } from '../errors';
import { ownMedia } from './queries';
import { mediaReadableStream } from './storage';

const mediaId = z.uuid();

/** The file of one of the user's media, as a response for previews; anyone else's is a 404. */
export async function mediaFileResponse(userId: string, id: string): Promise<Response> {
  if (!mediaId.safeParse(id).success) throw notFound('Media');
  const row = (await ownMedia(userId, [id])).get(id);
  if (!row) throw notFound('Media');
  let body: ReadableStream<Uint8Array>;
  try {
    body = await mediaReadableStream(row.storageKey);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw notFound('Media');
    throw error;
  }
  return new Response(body, {
    headers: {
      'content-type': row.mimeType,
      'content-length': String(row.byteSize),
      // An id always names the same bytes.
      'cache-control': 'private, max-age=86400, immutable',
      'x-content-type-options': 'nosniff',
      'content-disposition': 'inline',
    },
  });
}
