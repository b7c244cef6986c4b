'use client';

import { formatInZone } from './calendar/zoned-time';
import { useBrowserTimeZone } from './use-browser-time-zone';

/** A date-time shown in the user's zone (their setting, else the browser's). */
export function LocalTime({ iso, timeZone }: { iso: string; timeZone: string | null }) {
  const browserZone = useBrowserTimeZone();
  const zone = timeZone ?? browserZone;
  return (
    <time dateTime={iso} title={iso}>
      {zone ? formatInZone(iso, zone) : formatInZone(iso, 'UTC', { timeZoneName: 'short' })}
    </time>
  );
}
