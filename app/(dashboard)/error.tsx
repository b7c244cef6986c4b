'use client';

import { PageError } from '@/components/page-states/page-error';

/** Errors in a dashboard page: the header and nav stay, the page area offers a Retry. */
export default function DashboardError({ error, retry }: { error: unknown; retry: () => void }) {
  return <PageError error={error} retry={retry} />;
}
