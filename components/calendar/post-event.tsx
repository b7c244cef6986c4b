'use client';

import { format } from 'date-fns';
import { useEffect, useRef } from 'react';
import type { EventProps } from 'react-big-calendar';
import { excerpt } from '../excerpt';
import { retryLine } from '../retry-line';
import { StatusBadge } from '../status-badge';
import type { CalendarPost } from './types';
import { MediaIcon } from '../media-icon';

/** Clicks on the link must open X, not the composer, and must not start a drag. */
const stop = (e: { stopPropagation: () => void }) => e.stopPropagation();

/** One post on the calendar: time, status word, account, text, and the X link or the error. */
export function PostEvent({ event }: EventProps<CalendarPost>) {
  const { post } = event;
  const body = useRef<HTMLDivElement>(null);

  // In week and day views react-big-calendar makes the whole event a role="button", whose
  // accessible name is all its text, status word included: "scheduled" would then match
  // searches for the composer's "Schedule" button. The library offers no prop for it, so the
  // role and tab stop go; the "Open post" button below is the keyboard's way in, as in month view.
  useEffect(() => {
    const box = body.current?.closest('.rbc-event');
    if (box?.getAttribute('role') === 'button') {
      box.removeAttribute('role');
      box.removeAttribute('tabindex');
    }
  });

  const first = post.parts[0]?.text ?? '';
  const thread = post.parts.length > 1 ? ` (+${post.parts.length - 1})` : '';
  const media = post.parts.reduce((n, p) => n + p.media.length, 0);
  return (
    <div ref={body} className="post-event-body flex min-w-0 flex-col gap-0.5 text-left">
      {/* Month-view posts are not focusable in react-big-calendar; this gives keyboards a way in.
          Its click bubbles to the calendar's own handler, which opens the composer. */}
      <button type="button" className="sr-only">
        Open post
      </button>
      <div className="flex min-w-0 items-center gap-1">
        {/* Calendar dates carry the user-zone wall clock on their local fields (zoned-time.ts). */}
        <span className="shrink-0 font-medium tabular-nums">{format(event.start, 'h:mm a')}</span>
        <span className="truncate text-slate-600">@{post.accountUsername}</span>
        {event.linkedWith.length > 0 ? (
          <span className="post-event-linked shrink-0 text-slate-500" title={`Composed with ${event.linkedWith.map((u) => `@${u}`).join(', ')}`}>
            <span aria-hidden="true">⛓</span>
            <span className="sr-only"> linked with {event.linkedWith.map((u) => `@${u}`).join(', ')}</span>
          </span>
        ) : null}
      </div>
      <p className={`truncate ${post.status === 'cancelled' ? 'line-through' : ''}`}>
        {media > 0 ? (
          <span title={`${media} media attached`} className="mr-1 inline-block align-[-2px]">
            <MediaIcon className="inline size-3" />
            <span className="sr-only">(with media) </span>
          </span>
        ) : null}
        {excerpt(first)}
        {thread}
      </p>
      <div className="flex min-w-0 items-center gap-1">
        <StatusBadge status={post.status} className="shrink-0" />
        {post.status === 'published' && post.url ? (
          <a href={post.url} target="_blank" rel="noreferrer" onClick={stop} onMouseDown={stop} className="post-event-link truncate font-medium underline underline-offset-2">
            View on X
          </a>
        ) : null}
        {post.status === 'failed' && post.error ? <span className="post-event-error truncate">{post.error}</span> : null}
        {post.retry ? (
          <span className="truncate text-amber-800" title={post.error ?? undefined}>
            {retryLine(post.retry, event.zone, { weekday: undefined, year: undefined, month: undefined, day: undefined })}
          </span>
        ) : null}
      </div>
    </div>
  );
}
