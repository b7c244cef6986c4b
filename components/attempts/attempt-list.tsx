import type { AttemptView } from '@/lib/posts/attempts';
import { LocalTime } from '../local-time';

const OUTCOME: Record<AttemptView['outcome'], { label: string; tone: string }> = {
  published: { label: 'Published', tone: 'text-emerald-800' },
  retry: { label: 'Will retry', tone: 'text-amber-800' },
  failed: { label: 'Failed', tone: 'text-rose-800' },
};

/**
 * A post's publish attempts, newest first: when, which worker, how it ended, X's HTTP status and
 * the error. Renders on the server or in the browser; the admin page passes rows read with
 * lib/posts/attempts listAttemptsAsAdmin, the post dialog those of GET /api/v1/posts/{id}/attempts.
 */
export function AttemptList({ attempts, timeZone }: { attempts: AttemptView[]; timeZone: string | null }) {
  if (attempts.length === 0) return <p className="text-sm text-slate-500">No publish attempts yet.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-xs">
        <caption className="sr-only">Publish attempts, newest first</caption>
        <thead className="text-slate-500">
          <tr>
            <th scope="col" className="py-1 pr-3 font-semibold">#</th>
            <th scope="col" className="py-1 pr-3 font-semibold">Started</th>
            <th scope="col" className="py-1 pr-3 font-semibold">Outcome</th>
            <th scope="col" className="py-1 pr-3 font-semibold">X status</th>
            <th scope="col" className="py-1 pr-3 font-semibold">Error</th>
            <th scope="col" className="py-1 font-semibold">Worker</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 align-top text-slate-800">
          {attempts.map((a) => (
            <tr key={`${a.startedAt}-${a.attempt}`}>
              <td className="py-1 pr-3 tabular-nums">{a.attempt}</td>
              <td className="py-1 pr-3 whitespace-nowrap">
                <LocalTime iso={a.startedAt} timeZone={timeZone} />
              </td>
              <td className={`py-1 pr-3 font-medium ${OUTCOME[a.outcome].tone}`}>{OUTCOME[a.outcome].label}</td>
              <td className="py-1 pr-3 tabular-nums">{a.xStatus ?? <span className="text-slate-500">none</span>}</td>
              <td className="py-1 pr-3">{a.error ? `${a.error}${a.errorClass ? ` (${a.errorClass.replace('_', ' ')})` : ''}` : ''}</td>
              <td className="py-1 font-mono text-[11px] text-slate-500">{a.worker}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
