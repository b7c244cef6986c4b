import { created, route } from '@/lib/http/route';
import { saveUpload } from '@/lib/media/upload';
import { MAX_FORM_BYTES } from '@/lib/media/upload-form';

/** multipart/form-data with the file in the field `file`; streamed to the media storage. */
export const POST = route({
  summary: 'Upload an image, GIF or video',
  success: { status: 201, description: '`{ media }`' },
  auth: 'posts:write',
  rawBody: {
    contentType: 'multipart/form-data', description: 'The file in the field `file`, and nothing else', maxBytes: MAX_FORM_BYTES,
    schema: { type: 'object', properties: { file: { type: 'string', contentMediaType: 'application/octet-stream' } }, required: ['file'] },
  },
  handle: async ({ actor, request }) => created({ media: await saveUpload(actor.userId, request) }),
});
