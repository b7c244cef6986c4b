import type { AdminFilter } from '@/lib/db/schema';

/** The admin page's address for a filter (null fields left out), optionally at a cursor. */
export function filterHref(filter: AdminFilter, cursor?: string | null): string {
  const params = new URLSearchParams();
  if (filter.accountId) params.set('accountId', filter.accountId);
  if (filter.userId) params.set('userId', filter.userId);
  if (filter.errorClass) params.set('errorClass', filter.errorClass);
  if (cursor) params.set('cursor', cursor);
  const query = params.toString();
  return query ? `/admin?${query}` : '/admin';
}
