import { documentedRoutes } from '@/lib/http/openapi';

/**
 * Every /api/v1 route module with its path in the API document: the modules themselves, so the
 * document shows the very schemas that validate requests. A new route is one line here
 * (tests/integration/openapi.test.ts fails until it is).
 */
export const apiRoutes = () =>
  documentedRoutes([
    ['/accounts', import('../accounts/route')],
    ['/accounts/{id}/disconnect', import('../accounts/[id]/disconnect/route')],
    ['/accounts/{id}/queue', import('../accounts/[id]/queue/route')],
    ['/accounts/{id}/queue/move', import('../accounts/[id]/queue/move/route')],
    ['/accounts/{id}/schedule', import('../accounts/[id]/schedule/route')],
    ['/admin/audit', import('../admin/audit/route')],
    ['/admin/failed-posts', import('../admin/failed-posts/route')],
    ['/admin/failed-posts/actions', import('../admin/failed-posts/actions/route')],
    ['/admin/overview', import('../admin/overview/route')],
    ['/admin/publishing', import('../admin/publishing/route')],
    ['/costs', import('../costs/route')],
    ['/media', import('../media/route')],
    ['/media/{id}', import('../media/[id]/route')],
    ['/notifications', import('../notifications/route')],
    ['/notifications/email', import('../notifications/email/route')],
    ['/notifications/read', import('../notifications/read/route')],
    ['/post-groups', import('../post-groups/route')],
    ['/post-groups/{id}', import('../post-groups/[id]/route')],
    ['/posts', import('../posts/route')],
    ['/posts/undo', import('../posts/undo/route')],
    ['/posts/{id}', import('../posts/[id]/route')],
    ['/posts/{id}/attempts', import('../posts/[id]/attempts/route')],
    ['/posts/{id}/retry', import('../posts/[id]/retry/route')],
    ['/tokens', import('../tokens/route')],
    ['/tokens/{id}', import('../tokens/[id]/route')],
    ['/webhooks', import('../webhooks/route')],
    ['/webhooks/{id}', import('../webhooks/[id]/route')],
  ]);
