'use client';

import { useSyncExternalStore } from 'react';

/** Below Tailwind's `sm` breakpoint the month grid is too small to read: it becomes a list. */
const NARROW = '(max-width: 639px)';

function subscribe(onChange: () => void): () => void {
  const list = window.matchMedia(NARROW);
  list.addEventListener('change', onChange);
  return () => list.removeEventListener('change', onChange);
}

/** True on a phone-sized screen; false on the server (the calendar waits for the browser anyway). */
export function useNarrowScreen(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(NARROW).matches,
    () => false,
  );
}
