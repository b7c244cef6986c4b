import { PageLoading } from '@/components/page-states/page-loading';

export default function Loading() {
  return <PageLoading />;
}
