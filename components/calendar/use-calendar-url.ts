'use client';

import { usePathname, useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useMemo } from 'react';
import { formatCalendarQuery, parseCalendarQuery, type CalendarQuery } from './calendar-url';

export interface CalendarUrl {
  query: CalendarQuery;
  /**
   * Writes a change to the address. `push` for moves people expect Back to undo (another date,
   * another view); `replace` for the rest (filters, the open post, corrections).
   */
  update: (change: Partial<CalendarQuery>, mode: 'push' | 'replace') => void;
}

/**
 * The calendar's state, read from the query string on every render (so back/forward and a pasted
 * link simply re-render), written with the History API. Next keeps `useSearchParams` in step with
 * `history.pushState`/`replaceState`, and these skip the server round trip a `router.push` would
 * make for a page whose server part (accounts, zone) does not depend on the query.
 */
export function useCalendarUrl(accountIds: readonly string[]): CalendarUrl {
  const params = useSearchParams();
  const pathname = usePathname();
  const known = useMemo(() => new Set(accountIds), [accountIds]);
  const current = params.toString();
  const query = useMemo(() => parseCalendarQuery(new URLSearchParams(current), known), [current, known]);

  // A link with nonsense in it (or in another order) is rewritten to what is shown, in place.
  const canonical = formatCalendarQuery(query);
  useEffect(() => {
    const now = current ? `?${current}` : '';
    if (decodeURIComponent(now) !== decodeURIComponent(canonical)) window.history.replaceState(null, '', `${pathname}${canonical}`);
  }, [current, canonical, pathname]);

  const update = useCallback(
    (change: Partial<CalendarQuery>, mode: 'push' | 'replace') => {
      // From the address itself, not this render's copy: two updates in one tick must both land.
      const latest = parseCalendarQuery(new URLSearchParams(window.location.search), known);
      const next = `${pathname}${formatCalendarQuery({ ...latest, ...change })}`;
      if (next === `${window.location.pathname}${window.location.search}`) return;
      if (mode === 'push') window.history.pushState(null, '', next);
      else window.history.replaceState(null, '', next);
    },
    [pathname, known],
  );

  return { query, update };
}
