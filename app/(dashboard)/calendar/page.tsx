import type { Metadata } from 'next';
import { Suspense } from 'react';
import { PostCalendar } from '@/components/calendar/post-calendar';
import { listAccounts } from '@/lib/accounts/queries';
import { toAccountOption } from '@/lib/accounts/view';
import { requirePageUser } from '@/lib/auth/session';
import { config } from '@/lib/config';
import { getTimeZone } from '@/lib/users';

export const metadata: Metadata = { title: 'Calendar · Herald' };

/**
 * Reads on the server (accounts, zone); posts are fetched by the client for the visible range.
 * The query string (view, date, tz, account, status, post) is the client's: it reads it with
 * useSearchParams, which the server render already sees, so the first paint is the linked
 * calendar; components/calendar/calendar-url.ts parses it strictly.
 */
export default async function CalendarPage() {
  const user = await requirePageUser();
  const [accounts, timeZone] = await Promise.all([listAccounts(user.id), getTimeZone(user.id)]);
  return (
    <Suspense>
      <PostCalendar accounts={accounts.map(toAccountOption)} userTimeZone={timeZone} prices={config().xPrices} />
    </Suspense>
  );
}
