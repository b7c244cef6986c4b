import { PageLoading } from '@/components/page-states/page-loading';

/** See app/(dashboard)/calendar/loading.tsx for why loading states are per page. */
export default function SettingsLoading() {
  return <PageLoading label="Loading settings…" />;
}
