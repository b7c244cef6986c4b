import { PageLoading } from '@/components/page-states/page-loading';

/** The posts page never refuses (the dashboard layout signs people in first), so it may stream. */
export default function PostsLoading() {
  return <PageLoading label="Loading your posts…" />;
}
