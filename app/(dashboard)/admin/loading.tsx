import { PageLoading } from '@/components/page-states/page-loading';

/** Safe here: admin/layout.tsx refuses non-admins (403) before this streams. */
export default function AdminLoading() {
  return <PageLoading label="Loading the admin console…" />;
}
