import { PageLoading } from '@/components/page-states/page-loading';

/**
 * Per page, not for the whole dashboard: a loading boundary streams the page, and a page that
 * then calls forbidden(), notFound() or redirect() (admin, a queue) would answer 200 instead of
 * 403/404/307. Only pages that never do get one.
 */
export default function CalendarLoading() {
  return <PageLoading label="Loading the calendar…" />;
}
