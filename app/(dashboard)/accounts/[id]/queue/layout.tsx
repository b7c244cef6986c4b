import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { listAccounts } from '@/lib/accounts/queries';
import { requirePageUser } from '@/lib/auth/session';

/**
 * Someone else's account (or none) is a 404, decided here, before queue/loading.tsx streams
 * the page: a notFound() inside a streamed page would answer 200.
 */
export default async function AccountQueueLayout({ children, params }: { children: ReactNode; params: Promise<{ id: string }> }) {
  const user = await requirePageUser();
  const { id } = await params;
  if (!(await listAccounts(user.id)).some((a) => a.id === id)) notFound();
  return children;
}
