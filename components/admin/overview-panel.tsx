import type { Overview } from '@/lib/admin/overview';
import { LocalTime } from '../local-time';
import { PauseSwitch } from './pause-switch';

function Counts({ title, counts }: { title: string; counts: Record<string, number> | null }) {
  return (
    <section aria-label={title} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <h2 className="text-sm font-semibold text-slate-700">{title}</h2>
      {counts ? (
        <dl className="mt-2 grid grid-cols-2 gap-x-4 gap-y-1 text-sm">
          {Object.entries(counts).map(([name, n]) => (
            <div key={name} className="contents">
              <dt className="text-slate-500">{name}</dt>
              <dd className="text-right tabular-nums text-slate-800" data-count={name}>
                {n.toLocaleString('en')}
              </dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="mt-2 text-sm text-rose-700">Redis did not answer.</p>
      )}
    </section>
  );
}

/** Seconds or minutes, whichever reads better. */
function lag(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 120 ? `${s} s` : `${Math.round(s / 60)} min`;
}

/** What the publishing pipeline is doing now: posts, jobs, the due backlog, live workers, and the pause switch. */
export function OverviewPanel({ overview, timeZone }: { overview: Overview; timeZone: string | null }) {
  const { publishing, due, workers } = overview;
  return (
    <div className="flex flex-col gap-4">
      <section
        aria-label="Publishing"
        className={`flex flex-wrap items-center justify-between gap-3 rounded-xl border p-4 ${publishing.paused ? 'border-amber-300 bg-amber-50' : 'border-slate-200 bg-white'}`}
      >
        <div className="text-sm">
          <p className="font-semibold text-slate-800">{publishing.paused ? 'Publishing is paused' : 'Publishing is running'}</p>
          <p className="text-slate-600">
            {publishing.paused
              ? 'No post goes out; posts that fall due wait and go out, once each, when publishing resumes.'
              : 'Workers publish posts as they fall due.'}
            {publishing.changedAt ? (
              <>
                {' '}
                {publishing.paused ? 'Paused' : 'Resumed'} <LocalTime iso={publishing.changedAt} timeZone={timeZone} />
                {publishing.changedBy ? ` by ${publishing.changedBy.name ?? publishing.changedBy.id.slice(0, 8)}` : ''}.
              </>
            ) : null}
          </p>
        </div>
        <PauseSwitch paused={publishing.paused} />
      </section>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Counts title="Posts by state" counts={overview.posts} />
        <Counts title="Publish queue jobs" counts={overview.jobs} />
        <section aria-label="Due posts" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
          <h2 className="text-sm font-semibold text-slate-700">Due, not yet out</h2>
          <p className="mt-2 text-2xl font-semibold tabular-nums text-slate-800" data-count="due">
            {due.count.toLocaleString('en')}
          </p>
          <p className="text-sm text-slate-500">{due.count > 0 ? `oldest ${lag(due.oldestLagMs)} late` : 'none waiting'}</p>
        </section>
        <section aria-label="Workers" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
          <h2 className="text-sm font-semibold text-slate-700">Workers consuming now</h2>
          {workers === null ? (
            <p className="mt-2 text-sm text-rose-700">Redis did not answer.</p>
          ) : (
            <>
              <p className="mt-2 text-2xl font-semibold tabular-nums text-slate-800" data-count="workers">
                {workers.length}
              </p>
              <ul className="text-xs text-slate-500">
                {workers.map((w) => (
                  <li key={w.id}>
                    {w.host} pid {w.pid}: {w.active}/{w.concurrency} busy
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      </div>
    </div>
  );
}
