'use client';

import type { PostView } from '@/lib/posts/view';
import { formatInZone } from '../calendar/zoned-time';
import { retryLine } from '../retry-line';
import { StatusBadge } from '../status-badge';
import { matchExcerpt } from './match-excerpt';
import { MediaIcon } from '../media-icon';

/** An image frame: this post carries media (the calendar shows the same mark). */
function MediaMark({ count }: { count: number }) {
  return (
    <span title={`${count} media attached`} className="inline-flex items-center gap-0.5 text-slate-500">
      <MediaIcon className="size-3.5" />
      <span className="sr-only">with media</span>
    </span>
  );
}

/**
 * One post of the list: time in the user's zone, account, status, the text around what the search
 * matched (marked), and whether it is a thread or carries media. The text is a button that opens
 * the post; its hit area covers the whole row, under the "View on X" link.
 */
export function PostRow({ post, zone, search, onOpen }: { post: PostView; zone: string; search: string; onOpen: (post: PostView) => void }) {
  const { pieces, part } = matchExcerpt(
    post.parts.map((p) => p.text),
    search,
  );
  const media = post.parts.reduce((n, p) => n + p.media.length, 0);
  const thread = post.parts.length > 1;
  return (
    <li className="relative flex flex-col gap-1.5 px-4 py-3 hover:bg-slate-50 focus-within:bg-slate-50 sm:flex-row sm:items-start sm:gap-4">
      <div className="flex min-w-0 shrink-0 flex-wrap items-center gap-x-2 gap-y-1 text-sm sm:w-60 sm:flex-col sm:items-start">
        {post.scheduledAt ? (
          <time dateTime={post.scheduledAt} className="font-medium tabular-nums text-slate-900">
            {formatInZone(post.scheduledAt, zone)}
          </time>
        ) : (
          <span className="font-medium text-slate-500">No time yet</span>
        )}
        <span className="flex min-w-0 items-center gap-2">
          <span className="truncate text-slate-600">@{post.accountUsername}</span>
          <StatusBadge status={post.status} className="shrink-0" />
        </span>
      </div>
      <div className="flex min-w-0 flex-1 flex-col gap-1">
        <button
          type="button"
          onClick={() => onOpen(post)}
          className={`text-left text-sm break-words text-slate-800 after:absolute after:inset-0 after:content-[''] focus-visible:outline-none focus-visible:after:rounded-lg focus-visible:after:outline-2 focus-visible:after:-outline-offset-2 focus-visible:after:outline-slate-900 ${post.status === 'cancelled' ? 'line-through' : ''}`}
        >
          {part > 0 ? <span className="text-slate-500">Part {part + 1}: </span> : null}
          {pieces.map((piece, i) =>
            piece.match ? (
              <mark key={i} className="rounded-sm bg-amber-200 px-px text-inherit">
                {piece.text}
              </mark>
            ) : (
              <span key={i}>{piece.text}</span>
            ),
          )}
          {pieces.length === 0 ? <span className="text-slate-500">(no text)</span> : null}
        </button>
        <div className="flex min-w-0 flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-500">
          {thread ? (
            <span className="inline-flex items-center gap-1">
              <svg aria-hidden="true" viewBox="0 0 16 16" className="size-3.5" fill="none" stroke="currentColor" strokeWidth="1.5">
                <circle cx="4" cy="3.5" r="1.75" />
                <circle cx="4" cy="12.5" r="1.75" />
                <path d="M4 5.25v5.5M8 3.5h6M8 12.5h6" />
              </svg>
              Thread of {post.parts.length}
            </span>
          ) : null}
          {media > 0 ? <MediaMark count={media} /> : null}
          {post.status === 'published' && post.url ? (
            <a href={post.url} target="_blank" rel="noreferrer" className="relative z-10 font-medium text-slate-700 underline underline-offset-2 focus-visible:outline-2 focus-visible:outline-slate-900">
              View on X
            </a>
          ) : null}
          {post.status === 'failed' && post.error ? <span className="min-w-0 break-words text-rose-700">{post.error}</span> : null}
          {post.retry ? <span className="text-amber-800">{retryLine(post.retry, zone)}</span> : null}
        </div>
      </div>
    </li>
  );
}
