'use client';

import { PageError } from '@/components/page-states/page-error';

/** Errors above the dashboard's own boundary: its layout (session, accounts) or the sign-in page. */
export default function RootError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <main className="px-4">
      <PageError error={error} retry={retry} />
    </main>
  );
}
