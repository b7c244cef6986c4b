'use client';

import Link from 'next/link';
import type { NotificationView } from '@/lib/notifications/view';
import { Button } from '../ui/button';
import { LocalTime } from '../local-time';

/** The list inside the bell's panel: newest first, unread ones marked, each with its own "Mark as read". */
export function NotificationList({ items, onRead, onFollow }: { items: NotificationView[]; onRead: (id: string) => void; onFollow: () => void }) {
  if (items.length === 0) return <p className="px-4 py-6 text-center text-sm text-slate-500">Nothing to tell you yet.</p>;
  return (
    <ul aria-label="Notifications" className="divide-y divide-slate-100">
      {items.map((n) => (
        <li key={n.id} className={`flex flex-col gap-1 px-4 py-3 text-sm ${n.readAt ? 'text-slate-500' : 'bg-amber-50/60 text-slate-900'}`}>
          <div className="flex items-start justify-between gap-2">
            <Link href={n.link} onClick={onFollow} className="font-medium hover:underline">
              {n.readAt ? null : <span className="sr-only">Unread: </span>}
              {n.title}
            </Link>
            <span className="shrink-0 text-xs text-slate-500">
              <LocalTime iso={n.createdAt} timeZone={null} />
            </span>
          </div>
          <p className="break-words">{n.body}</p>
          {n.readAt ? null : (
            <div>
              <Button variant="quiet" size="sm" onClick={() => onRead(n.id)} aria-label={`Mark “${n.title}” as read`}>
                Mark as read
              </Button>
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}
