import type { PostStatus } from '@/lib/db/schema';

/** One colour per post status, shared by the calendar, the composer and the admin page. */
export const STATUS_CLASSES: Record<PostStatus, string> = {
  draft: 'bg-slate-100 text-slate-700 ring-slate-300',
  scheduled: 'bg-sky-50 text-sky-800 ring-sky-300',
  queued: 'bg-indigo-50 text-indigo-800 ring-indigo-300',
  publishing: 'bg-amber-50 text-amber-800 ring-amber-300',
  published: 'bg-emerald-50 text-emerald-800 ring-emerald-300',
  failed: 'bg-rose-50 text-rose-800 ring-rose-300',
  cancelled: 'bg-zinc-100 text-zinc-500 ring-zinc-300',
};

/** The status word itself is the label (tests and people look for "scheduled", "failed", ...). */
export function StatusBadge({ status, className = '' }: { status: PostStatus; className?: string }) {
  return (
    <span className={`inline-flex items-center rounded-full px-1.5 py-px text-[11px] font-medium leading-4 ring-1 ring-inset ${STATUS_CLASSES[status]} ${className}`}>
      {status}
    </span>
  );
}
