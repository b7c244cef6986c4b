import type { FailedPostRow } from '@/lib/posts/queries';
import { excerpt } from '../excerpt';
import { LocalTime } from '../local-time';
import { RetryButton } from './retry-button';

/** Every user's failed posts, for admins: who, where, when, why, and a Retry per row. */
export function FailedPostsTable({ rows, timeZone }: { rows: FailedPostRow[]; timeZone: string | null }) {
  if (rows.length === 0) {
    return (
      <div className="rounded-xl border border-dashed border-slate-300 bg-white px-6 py-12 text-center">
        <p className="font-medium text-slate-800">No failed posts.</p>
        <p className="mt-1 text-sm text-slate-500">Every post either went out or is still on its way. Posts that fail will show up here.</p>
      </div>
    );
  }
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
      <table className="w-full min-w-[56rem] text-left text-sm">
        <caption className="sr-only">Failed posts of all users</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-4 py-2.5 font-semibold">Owner</th>
            <th scope="col" className="px-4 py-2.5 font-semibold">Account</th>
            <th scope="col" className="px-4 py-2.5 font-semibold">Scheduled</th>
            <th scope="col" className="px-4 py-2.5 text-right font-semibold">Attempts</th>
            <th scope="col" className="px-4 py-2.5 font-semibold">Error</th>
            <th scope="col" className="px-4 py-2.5 font-semibold">Text</th>
            <th scope="col" className="px-4 py-2.5">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map(({ post, owner }) => (
            <tr key={post.id} className="align-top">
              <td className="px-4 py-3 text-slate-800">{owner.name ?? <span className="text-slate-400">{owner.id.slice(0, 8)}</span>}</td>
              <td className="px-4 py-3 font-medium text-slate-800">@{post.accountUsername}</td>
              <td className="whitespace-nowrap px-4 py-3 text-slate-600">
                {post.scheduledAt ? <LocalTime iso={post.scheduledAt} timeZone={timeZone} /> : '—'}
              </td>
              <td className="px-4 py-3 text-right tabular-nums text-slate-600">{post.attempts}</td>
              <td className="max-w-xs px-4 py-3 text-rose-700">{post.error ?? 'No reason recorded'}</td>
              <td className="max-w-xs px-4 py-3 text-slate-600">
                {excerpt(post.parts[0]?.text ?? '', 100)}
                {post.parts.length > 1 ? <span className="text-slate-400"> (thread of {post.parts.length})</span> : null}
              </td>
              <td className="px-4 py-3 text-right">
                <RetryButton postId={post.id} label={`@${post.accountUsername}'s post`} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
