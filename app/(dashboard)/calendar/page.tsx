import type { Metadata } from 'next';
import { z } from 'zod';
import { PostCalendar } from '@/components/calendar/post-calendar';
import { listAccounts } from '@/lib/accounts/queries';
import { toAccountOption } from '@/lib/accounts/view';
import { requirePageUser } from '@/lib/auth/session';
import { config } from '@/lib/config';
import { getTimeZone } from '@/lib/users';

export const metadata: Metadata = { title: 'Calendar · Herald' };

/** `?post=<id>` (a notification's link) opens that post; anything else there is ignored. */
const openPost = z.uuid();

/** Reads on the server (accounts, zone); posts are fetched by the client for the visible range. */
export default async function CalendarPage({ searchParams }: { searchParams: Promise<{ post?: string | string[] }> }) {
  const user = await requirePageUser();
  const post = openPost.safeParse((await searchParams).post);
  const [accounts, timeZone] = await Promise.all([listAccounts(user.id), getTimeZone(user.id)]);
  return (
    <PostCalendar
      accounts={accounts.map(toAccountOption)}
      userTimeZone={timeZone}
      prices={config().xPrices}
      openPostId={post.success ? post.data : undefined}
    />
  );
}
