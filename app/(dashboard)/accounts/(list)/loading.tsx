import { PageLoading } from '@/components/page-states/page-loading';

/**
 * The accounts page never refuses (the dashboard layout signs people in first), so it may stream.
 * In its own route group so that this boundary does not wrap accounts/[id]/queue, whose 404 must
 * be answered before anything streams.
 */
export default function AccountsLoading() {
  return <PageLoading label="Loading your accounts…" />;
}
