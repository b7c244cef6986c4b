import { PageLoading } from '@/components/page-states/page-loading';

/**
 * Per page, not for the whole dashboard: a loading boundary streams what is under it, and a
 * forbidden(), notFound() or redirect() there would answer 200 instead of 403/404/307. So the
 * pages that refuse do it in a layout above their boundary (admin/layout.tsx,
 * accounts/[id]/queue/layout.tsx), and the others never refuse.
 */
export default function CalendarLoading() {
  return <PageLoading label="Loading the calendar…" />;
}
