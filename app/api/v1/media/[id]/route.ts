import { byId, route } from '@/lib/http/route';
import { mediaFileResponse } from '@/lib/media/serve';

/** The file itself, to its owner only (previews in the composer). */
export const GET = route({
  summary: 'Download an uploaded file',
  success: { status: 200, description: 'The file itself', contentType: '*/*' },
  auth: 'posts:read',
  params: byId('Media'),
  handle: ({ actor, params }) => mediaFileResponse(actor.userId, params.id),
});
