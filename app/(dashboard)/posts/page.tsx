import type { Metadata } from 'next';
import { PostsPage } from '@/components/posts/posts-page';
import { parsePostsFilter } from '@/components/posts/filter';
import { listAccounts } from '@/lib/accounts/queries';
import { toAccountOption } from '@/lib/accounts/view';
import { requirePageUser } from '@/lib/auth/session';
import { config } from '@/lib/config';
import { getTimeZone } from '@/lib/users';

export const metadata: Metadata = { title: 'Posts · Herald' };

/**
 * Reads on the server what the address asks for (search, status, accounts, dates, order: anything
 * it does not understand is left out and said, never an error page) with the accounts and zone;
 * the posts themselves are fetched by the client, a page at a time.
 */
export default async function PostsListPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser();
  const [accounts, timeZone, params] = await Promise.all([listAccounts(user.id), getTimeZone(user.id), searchParams]);
  const { filter, problems } = parsePostsFilter(
    params,
    accounts.map((a) => a.id),
  );
  return <PostsPage accounts={accounts.map(toAccountOption)} userTimeZone={timeZone} prices={config().xPrices} filter={filter} problems={problems} />;
}
