import type { Metadata } from 'next';
import Link from 'next/link';
import { forbidden, redirect } from 'next/navigation';
import { FailedPostsTable } from '@/components/admin/failed-posts-table';
import { isAdmin } from '@/lib/auth/admins';
import { requirePageUser } from '@/lib/auth/session';
import { AppError } from '@/lib/errors';
import { listFailedPosts } from '@/lib/posts/queries';
import { getTimeZone } from '@/lib/users';

export const metadata: Metadata = { title: 'Admin · Herald' };

export default async function AdminPage({ searchParams }: { searchParams: Promise<{ cursor?: string | string[] }> }) {
  const user = await requirePageUser();
  if (!(await isAdmin(user.id))) forbidden();
  const { cursor } = await searchParams;
  const [page, timeZone] = await Promise.all([
    // A cursor that is not ours (edited, or from an older list) starts again from the newest.
    listFailedPosts({ cursor: typeof cursor === 'string' ? cursor : null }).catch((error: unknown) => {
      if (error instanceof AppError) redirect('/admin');
      throw error;
    }),
    getTimeZone(user.id),
  ]);
  return (
    <div className="flex flex-col gap-4">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Admin</h1>
        <p className="text-sm text-slate-500">
          Failed posts of every user, newest failure first{page.total > 0 ? ` (${page.total.toLocaleString('en')} in all)` : ''}. Retry queues a post to go
          out now; a thread resumes where it stopped.
        </p>
      </div>
      <FailedPostsTable rows={page.rows} timeZone={timeZone} />
      {cursor || page.nextCursor ? (
        <nav aria-label="Pages of failed posts" className="flex items-center justify-between text-sm">
          {cursor ? (
            <Link href="/admin" className="rounded-md px-2.5 py-1.5 font-medium text-slate-700 hover:bg-slate-100">
              Newest failures
            </Link>
          ) : (
            <span />
          )}
          {page.nextCursor ? (
            <Link href={`/admin?cursor=${page.nextCursor}`} className="rounded-md px-2.5 py-1.5 font-medium text-slate-700 hover:bg-slate-100">
              Older failures
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
