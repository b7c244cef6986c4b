import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { QueuePage } from '@/components/queue/queue-page';
import { listAccounts } from '@/lib/accounts/queries';
import { toAccountOption } from '@/lib/accounts/view';
import { requirePageUser } from '@/lib/auth/session';
import { config } from '@/lib/config';
import { getTimeZone } from '@/lib/users';

export const metadata: Metadata = { title: 'Queue · Herald' };

/** One of the user's accounts' posting queue; anyone else's (or no such account) is a 404. */
export default async function AccountQueuePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser();
  const { id } = await params;
  const [accounts, timeZone] = await Promise.all([listAccounts(user.id), getTimeZone(user.id)]);
  const options = accounts.map(toAccountOption);
  const account = options.find((a) => a.id === id);
  if (!account) notFound();
  return <QueuePage account={account} accounts={options} userTimeZone={timeZone} prices={config().xPrices} />;
}
