import type { Metadata } from 'next';
import { PostCalendar } from '@/components/calendar/post-calendar';
import { listAccounts } from '@/lib/accounts/queries';
import { toAccountOption } from '@/lib/accounts/view';
import { requirePageUser } from '@/lib/auth/session';
import { config } from '@/lib/config';
import { getTimeZone } from '@/lib/users';

export const metadata: Metadata = { title: 'Calendar · Herald' };

/** Reads on the server (accounts, zone); posts are fetched by the client for the visible range. */
export default async function CalendarPage() {
  const user = await requirePageUser();
  const [accounts, timeZone] = await Promise.all([listAccounts(user.id), getTimeZone(user.id)]);
  return (
    <PostCalendar
      accounts={accounts.map(toAccountOption)}
      userTimeZone={timeZone}
      prices={config().xPrices}
    />
  );
}
