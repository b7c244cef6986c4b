import type { AuditView } from '@/lib/admin/audit';
import type { AdminAction } from '@/lib/db/schema';
import { LocalTime } from '../local-time';

const ACTIONS: Record<AdminAction, string> = {
  pause: 'Paused publishing',
  resume: 'Resumed publishing',
  retry: 'Retried',
  retry_matching: 'Retried all matching',
  cancel: 'Cancelled',
};

function describeFilter(filter: AuditView['filter']): string {
  if (!filter) return '—';
  const parts = [
    filter.accountId ? `account ${filter.accountId.slice(0, 8)}` : null,
    filter.userId ? `owner ${filter.userId.slice(0, 8)}` : null,
    filter.errorClass ? `class ${filter.errorClass}` : null,
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'all failed posts';
}

/** Who did what, to which posts, when: newest first. */
export function AuditTable({ entries, timeZone }: { entries: AuditView[]; timeZone: string | null }) {
  if (entries.length === 0) {
    return <p className="rounded-xl border border-dashed border-slate-300 bg-white px-6 py-12 text-center text-slate-600">No admin action yet.</p>;
  }
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
      <table className="w-full min-w-[48rem] text-left text-sm">
        <caption className="sr-only">Admin actions, newest first</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-4 py-2.5 font-semibold">When</th>
            <th scope="col" className="px-4 py-2.5 font-semibold">Admin</th>
            <th scope="col" className="px-4 py-2.5 font-semibold">Action</th>
            <th scope="col" className="px-4 py-2.5 text-right font-semibold">Posts</th>
            <th scope="col" className="px-4 py-2.5 font-semibold">Filter</th>
            <th scope="col" className="px-4 py-2.5 font-semibold">Post ids</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {entries.map((e) => (
            <tr key={e.id} className="align-top">
              <td className="whitespace-nowrap px-4 py-3 text-slate-600">
                <LocalTime iso={e.at} timeZone={timeZone} />
              </td>
              <td className="px-4 py-3 text-slate-800">{e.admin.name ?? e.admin.id?.slice(0, 8) ?? 'deleted user'}</td>
              <td className="px-4 py-3 font-medium text-slate-800">{ACTIONS[e.action]}</td>
              <td className="px-4 py-3 text-right tabular-nums text-slate-600">{e.action === 'pause' || e.action === 'resume' ? '—' : e.count.toLocaleString('en')}</td>
              <td className="px-4 py-3 text-slate-600">{describeFilter(e.filter)}</td>
              <td className="max-w-sm px-4 py-3 font-mono text-xs text-slate-500">
                {e.postIds.length ? (
                  <details>
                    <summary className="cursor-pointer">
                      {e.postIds.length}
                      {e.count > e.postIds.length ? ` of ${e.count.toLocaleString('en')} kept` : ''}
                    </summary>
                    <ul>
                      {e.postIds.map((id) => (
                        <li key={id}>{id}</li>
                      ))}
                    </ul>
                  </details>
                ) : (
                  '—'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
