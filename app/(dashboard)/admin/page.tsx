import type { Metadata } from 'next';
import { forbidden } from 'next/navigation';
import { FailedPostsTable } from '@/components/admin/failed-posts-table';
import { isAdmin } from '@/lib/accounts';
import { requirePageUser } from '@/lib/auth/session';
import { listFailedPosts } from '@/lib/posts/queries';
import { getTimeZone } from '@/lib/users';

export const metadata: Metadata = { title: 'Admin · Herald' };

export default async function AdminPage() {
  const user = await requirePageUser();
  if (!(await isAdmin(user.id))) forbidden();
  const [rows, timeZone] = await Promise.all([listFailedPosts(), getTimeZone(user.id)]);
  return (
    <div className="flex flex-col gap-4">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Admin</h1>
        <p className="text-sm text-slate-500">
          Failed posts of every user, newest first{rows.length > 0 ? ` (${rows.length})` : ''}. Retry queues a post to go out now; a thread resumes where it stopped.
        </p>
      </div>
      <FailedPostsTable rows={rows} timeZone={timeZone} />
    </div>
  );
}
