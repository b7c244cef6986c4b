'use client';

import { useCallback, useEffect, useState } from 'react';
import { notifications } from './client';

/** How often the bell asks again while the page is visible. */
export const UNREAD_POLL_MS = 30_000;

/**
 * The unread count, asked every UNREAD_POLL_MS while the tab is visible and at once when the
 * window regains focus. A failed ask keeps the last count (the bell is a hint, not a record).
 */
export function useUnreadCount(): { unread: number | null; setUnread: (n: number) => void; refresh: () => void } {
  const [unread, setUnread] = useState<number | null>(null);
  const refresh = useCallback(() => {
    void notifications.list({ limit: 1 }).then((result) => {
      if (result.ok) setUnread(result.data.unread);
    });
  }, []);
  useEffect(() => {
    refresh();
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') refresh();
    }, UNREAD_POLL_MS);
    const onVisible = () => {
      if (document.visibilityState === 'visible') refresh();
    };
    window.addEventListener('focus', refresh);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(timer);
      window.removeEventListener('focus', refresh);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [refresh]);
  return { unread, setUnread, refresh };
}
