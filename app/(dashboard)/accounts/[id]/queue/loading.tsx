import { PageLoading } from '@/components/page-states/page-loading';

/** Safe here: queue/layout.tsx answers 404 for an account that is not yours before this streams. */
export default function QueueLoading() {
  return <PageLoading label="Loading the queue…" />;
}
