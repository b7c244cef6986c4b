import { readOverview } from '@/lib/admin/overview';
import { ok, route } from '@/lib/http/route';

/** Posts by state, the queue's jobs by state, the lag of the oldest due post, live workers, the pause. */
export const GET = route({
  summary: 'Admin: posts by state, queue jobs, due lag, live workers and the pause switch',
  auth: 'admin',
  handle: async () => ok({ overview: await readOverview() }),
});
