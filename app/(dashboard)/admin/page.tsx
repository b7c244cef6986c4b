import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { AdminNav } from '@/components/admin/admin-nav';
import { FailedPostsTable } from '@/components/admin/failed-posts-table';
import { FilterBar } from '@/components/admin/filter-bar';
import { filterHref } from '@/components/admin/filter-href';
import { OverviewPanel } from '@/components/admin/overview-panel';
import { RETRY_MATCHING_CAP } from '@/lib/admin/bulk';
import { filterLabels } from '@/lib/admin/filter-labels';
import { failedListQuery, filterOf } from '@/lib/admin/input';
import { readOverview } from '@/lib/admin/overview';
import { requirePageUser } from '@/lib/auth/session';
import { failureClass } from '@/lib/db/schema';
import { AppError } from '@/lib/errors';
import { listFailedPosts } from '@/lib/posts/queries';
import { getTimeZone } from '@/lib/users';

export const metadata: Metadata = { title: 'Admin · Herald' };

type Search = Record<string, string | string[] | undefined>;

export default async function AdminPage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requirePageUser();
  // A query this page did not make (a field twice, an unknown class, an edited cursor) starts again from the newest, unfiltered.
  const parsed = failedListQuery.safeParse(await searchParams);
  if (!parsed.success) redirect('/admin');
  const { cursor } = parsed.data;
  const filter = filterOf(parsed.data);
  const [overview, page, labels, timeZone] = await Promise.all([
    readOverview(),
    listFailedPosts({ cursor: cursor ?? null, filter }).catch((error: unknown) => {
      if (error instanceof AppError) redirect(filterHref(filter));
      throw error;
    }),
    filterLabels(filter),
    getTimeZone(user.id),
  ]);
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold tracking-tight">Admin</h1>
        <AdminNav current="console" />
      </div>
      <OverviewPanel overview={overview} timeZone={timeZone} />
      <section aria-labelledby="failed-heading" className="flex flex-col gap-3">
        <div>
          <h2 id="failed-heading" className="text-lg font-semibold tracking-tight">
            Failed posts
          </h2>
          <p className="text-sm text-slate-500">
            Every user&apos;s failed posts, newest failure first (<span data-count="failed-total">{page.total.toLocaleString('en')}</span> matching). Retry
            queues a post to go out now; a thread resumes where it stopped. Click an owner or an account to see only theirs.
          </p>
        </div>
        <FilterBar filter={filter} labels={labels} classes={failureClass.enumValues} />
        <FailedPostsTable rows={page.rows} total={page.total} filter={filter} cap={RETRY_MATCHING_CAP} timeZone={timeZone} />
        {cursor || page.nextCursor ? (
          <nav aria-label="Pages of failed posts" className="flex items-center justify-between text-sm">
            {cursor ? (
              <Link href={filterHref(filter)} className="rounded-md px-2.5 py-1.5 font-medium text-slate-700 hover:bg-slate-100">
                Newest failures
              </Link>
            ) : (
              <span />
            )}
            {page.nextCursor ? (
              <Link href={filterHref(filter, page.nextCursor)} className="rounded-md px-2.5 py-1.5 font-medium text-slate-700 hover:bg-slate-100">
                Older failures
              </Link>
            ) : null}
          </nav>
        ) : null}
      </section>
    </div>
  );
}
