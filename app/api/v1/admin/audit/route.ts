import { listAudit } from '@/lib/admin/audit';
import { auditListQuery } from '@/lib/admin/input';
import { ok, route } from '@/lib/http/route';

/** The admin audit log, newest first; `nextCursor` pages on. */
export const GET = route({
  summary: 'Admin: the audit log of admin actions, newest first',
  auth: 'admin',
  query: auditListQuery,
  handle: async ({ query }) => ok(await listAudit({ cursor: query.cursor ?? null })),
});
