'use client';

import { useEffect, useRef, useState } from 'react';
import type { NotificationView } from '@/lib/notifications/view';
import { describeFailure } from '../api/result';
import { Button } from '../ui/button';
import { notifications } from './client';
import { NotificationList } from './notification-list';
import { useUnreadCount } from './use-unread-count';

/** Notifications one page of the panel shows; "Show older" reads the next. */
const PAGE = 20;

/**
 * The bell in the dashboard's header: the unread count (kept fresh by useUnreadCount), and a panel
 * with the newest notifications, "Mark as read" on each and "Mark all as read".
 */
export function NotificationBell() {
  const { unread, setUnread, refresh } = useUnreadCount();
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<NotificationView[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  const load = async (after?: string) => {
    setBusy(true);
    const result = await notifications.list({ limit: PAGE, ...(after ? { cursor: after } : {}) });
    setBusy(false);
    if (!result.ok) {
      setError(describeFailure(result));
      return;
    }
    setError(null);
    setItems((prev) => (after ? [...prev, ...result.data.notifications] : result.data.notifications));
    setCursor(result.data.nextCursor);
    setUnread(result.data.unread);
  };

  // Closes on Escape (focus back on the bell) and on a click outside the panel.
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    const onClick = (e: MouseEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('mousedown', onClick);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('mousedown', onClick);
    };
  }, [open]);

  const toggle = () => {
    const next = !open;
    setOpen(next);
    if (next) void load();
    else refresh();
  };

  const marked = (ids: string[] | 'all', left: number) => {
    const readAt = new Date().toISOString();
    setItems((prev) => prev.map((n) => (n.readAt || (ids !== 'all' && !ids.includes(n.id)) ? n : { ...n, readAt })));
    setUnread(left);
  };

  const markOne = async (id: string) => {
    const result = await notifications.markRead([id]);
    if (result.ok) marked([id], result.data);
    else setError(describeFailure(result));
  };

  const markAll = async () => {
    const result = await notifications.markAllRead();
    if (result.ok) marked('all', result.data);
    else setError(describeFailure(result));
  };

  const count = unread ?? 0;
  return (
    <div ref={root} className="relative">
      <button
        ref={button}
        type="button"
        onClick={toggle}
        aria-expanded={open}
        aria-controls="notifications-panel"
        aria-label={`Notifications, ${count} unread`}
        className="relative grid size-9 place-items-center rounded-md text-slate-600 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-slate-900"
      >
        <svg aria-hidden="true" viewBox="0 0 24 24" className="size-5" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round">
          <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
          <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
        </svg>
        {count > 0 ? (
          <span aria-hidden="true" className="absolute -right-0.5 -top-0.5 min-w-4 rounded-full bg-rose-600 px-1 text-center text-[10px] font-semibold leading-4 text-white">
            {count > 99 ? '99+' : count}
          </span>
        ) : null}
      </button>
      {open ? (
        <div
          id="notifications-panel"
          role="region"
          aria-label="Notifications panel"
          className="absolute right-0 z-30 mt-2 flex max-h-[70vh] w-[22rem] max-w-[calc(100vw-2rem)] flex-col overflow-hidden rounded-xl border border-slate-200 bg-white shadow-lg"
        >
          <div className="flex items-center justify-between border-b border-slate-100 px-4 py-2">
            <h2 className="text-sm font-semibold">Notifications</h2>
            <Button variant="quiet" size="sm" onClick={() => void markAll()} disabled={count === 0}>
              Mark all as read
            </Button>
          </div>
          {error ? (
            <p role="alert" className="px-4 py-2 text-sm text-rose-700">
              {error}
            </p>
          ) : null}
          <div className="overflow-y-auto">
            <NotificationList items={items} onRead={(id) => void markOne(id)} onFollow={() => setOpen(false)} />
            {cursor ? (
              <div className="border-t border-slate-100 p-2 text-center">
                <Button variant="quiet" size="sm" busy={busy} onClick={() => void load(cursor)}>
                  Show older
                </Button>
              </div>
            ) : null}
          </div>
        </div>
      ) : null}
    </div>
  );
}
