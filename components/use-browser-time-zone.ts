'use client';

import { useSyncExternalStore } from 'react';
import { browserTimeZone } from './calendar/zoned-time';

const subscribe = () => () => {};

/**
 * The browser's zone, or null while rendering on the server and hydrating: the server cannot
 * know it, and rendering a guess would flash wrong times (and mismatch on hydration).
 */
export function useBrowserTimeZone(): string | null {
  return useSyncExternalStore(subscribe, browserTimeZone, () => null);
}
