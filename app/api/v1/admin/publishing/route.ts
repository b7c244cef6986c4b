import { pauseInput } from '@/lib/admin/input';
import { setPublishingPaused } from '@/lib/admin/pause';
import { ok, route } from '@/lib/http/route';

/** `{ paused }`: pauses or resumes publishing for everyone (recorded in the audit log). */
export const PUT = route({
  summary: 'Admin: pause or resume publishing',
  auth: 'admin',
  body: pauseInput,
  handle: async ({ actor, body }) => ok({ publishing: await setPublishingPaused(actor.userId, body.paused) }),
});
