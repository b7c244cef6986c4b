import { created, route } from '@/lib/http/route';
import { saveUpload } from '@/lib/media/upload';

/** multipart/form-data with the file in the field `file`; streamed to the media storage. */
export const POST = route({
  auth: 'posts:write',
  handle: async ({ actor, request }) => created({ media: await saveUpload(actor.userId, request) }),
});
