import { readOverview } from '@/lib/admin/overview';
import { ok, route } from '@/lib/http/route';

/** Posts by state, the queue's jobs by state, the lag of the oldest due post, live workers, the pause. */
export const GET = route({
  auth: 'admin',
  handle: async () => ok({ overview: await readOverview() }),
});
