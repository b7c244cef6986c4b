import { requireApiUser } from '@/lib/auth/session';
import { respond } from '@/lib/http';
import { mediaFileResponse } from '@/lib/media/serve';

type Context = { params: Promise<{ id: string }> };

/** The file itself, to its owner only (previews in the composer). */
export function GET(_request: Request, context: Context) {
  return respond(async () => {
    const user = await requireApiUser();
    const { id } = await context.params;
    return mediaFileResponse(user.id, id);
  });
}
