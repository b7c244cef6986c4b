import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { AdminNav } from '@/components/admin/admin-nav';
import { AuditTable } from '@/components/admin/audit-table';
import { listAudit } from '@/lib/admin/audit';
import { auditListQuery } from '@/lib/admin/input';
import { requirePageUser } from '@/lib/auth/session';
import { AppError } from '@/lib/errors';
import { getTimeZone } from '@/lib/users';

export const metadata: Metadata = { title: 'Audit log · Admin · Herald' };

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser();
  const parsed = auditListQuery.safeParse(await searchParams);
  if (!parsed.success) redirect('/admin/audit');
  const { cursor } = parsed.data;
  const [page, timeZone] = await Promise.all([
    listAudit({ cursor: cursor ?? null }).catch((error: unknown) => {
      if (error instanceof AppError) redirect('/admin/audit');
      throw error;
    }),
    getTimeZone(user.id),
  ]);
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Audit log</h1>
          <p className="text-sm text-slate-500">Every admin action: who, what, which posts (the first 100 of each), when. Newest first.</p>
        </div>
        <AdminNav current="audit" />
      </div>
      <AuditTable entries={page.entries} timeZone={timeZone} />
      {cursor || page.nextCursor ? (
        <nav aria-label="Pages of the audit log" className="flex items-center justify-between text-sm">
          {cursor ? (
            <Link href="/admin/audit" className="rounded-md px-2.5 py-1.5 font-medium text-slate-700 hover:bg-slate-100">
              Newest
            </Link>
          ) : (
            <span />
          )}
          {page.nextCursor ? (
            <Link href={`/admin/audit?cursor=${page.nextCursor}`} className="rounded-md px-2.5 py-1.5 font-medium text-slate-700 hover:bg-slate-100">
              Older
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
