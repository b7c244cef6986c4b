import { TZDate } from '@date-fns/tz';

/**
 * Time-zone conversions for the calendar and the composer. Pure functions, no React.
 *
 * react-big-calendar only knows the browser's own zone: it lays out a Date by its local
 * wall clock. To show a post in the user's chosen zone we hand it a "calendar date": a Date
 * whose browser-local wall clock equals the post's wall clock in the user's zone. Anything
 * the calendar hands back (a dropped event, a selected slot) is a calendar date too and is
 * turned back into a real instant before it goes to the API.
 *
 * Limitation: a user-zone wall-clock time that does not exist in the *browser's* zone (the
 * hour skipped when the browser's zone springs forward) cannot be a calendar date; it shows
 * an hour later. The API always receives real instants, so nothing is stored wrongly.
 */

let zoneOfThisMachine: string | undefined;

/**
 * The zone of the machine running this code (the browser in the UI). Read once: building an
 * Intl.DateTimeFormat per call cost ~150 ms per month switch with 1,000 posts (bench), and the
 * page reads the zone only when it mounts anyway.
 */
export function browserTimeZone(): string {
  zoneOfThisMachine ??= Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zoneOfThisMachine;
}

/** The user's zone: their setting if any, else the browser's. */
export function effectiveTimeZone(userZone: string | null | undefined, browserZone: string = browserTimeZone()): string {
  return userZone || browserZone;
}

/** Real instant → calendar date (browser-local wall clock = wall clock in `zone`). */
export function toCalendarDate(instant: Date, zone: string): Date {
  if (zone === browserTimeZone()) return new Date(instant.getTime());
  const z = new TZDate(instant.getTime(), zone);
  return new Date(z.getFullYear(), z.getMonth(), z.getDate(), z.getHours(), z.getMinutes(), z.getSeconds(), z.getMilliseconds());
}

/** Calendar date → real instant: its browser-local wall clock read as a wall clock in `zone`. */
export function fromCalendarDate(calendarDate: Date, zone: string): Date {
  if (zone === browserTimeZone()) return new Date(calendarDate.getTime());
  const d = calendarDate;
  const z = new TZDate(d.getFullYear(), d.getMonth(), d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds(), d.getMilliseconds(), zone);
  return new Date(z.getTime());
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Real instant → value for `<input type="datetime-local">` showing the wall clock in `zone`. */
export function toDateTimeLocalValue(instant: Date, zone: string): string {
  const z = new TZDate(instant.getTime(), zone);
  return `${pad(z.getFullYear(), 4)}-${pad(z.getMonth() + 1)}-${pad(z.getDate())}T${pad(z.getHours())}:${pad(z.getMinutes())}`;
}

const DATETIME_LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/;

/**
 * `<input type="datetime-local">` value, read as a wall clock in `zone` → real instant.
 * Null for an empty or malformed value. A wall-clock time skipped by a DST jump in `zone`
 * resolves to the instant just after the jump (TZDate's rule), never to an error.
 */
export function fromDateTimeLocalValue(value: string, zone: string): Date | null {
  const m = DATETIME_LOCAL.exec(value.trim());
  if (!m) return null;
  const [year, month, day, hour, minute] = m.slice(1, 6).map(Number) as [number, number, number, number, number];
  const second = m[6] ? Number(m[6]) : 0;
  const ms = m[7] ? Number(m[7].padEnd(3, '0')) : 0;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
  const z = new TZDate(year, month - 1, day, hour, minute, second, ms, zone);
  // Reject dates like 31 February, which Date would silently roll into March.
  if (z.getMonth() !== month - 1 || z.getDate() !== day) return null;
  return new Date(z.getTime());
}

/**
 * The next :00 or :30 on the wall clock of `zone` strictly after `now` — the composer's
 * default time. Rounded with the zone's offset at `now`, so zones offset by :30 or :45 get
 * round local times, and the result is always 1 ms to 30 min ahead, also around DST jumps.
 */
export function nextHalfHour(now: Date, zone: string): Date {
  const step = 30 * 60_000;
  const offsetMs = -new TZDate(now.getTime(), zone).getTimezoneOffset() * 60_000;
  const wallMs = now.getTime() + offsetMs;
  const nextWallMs = Math.floor(wallMs / step) * step + step;
  return new Date(now.getTime() + (nextWallMs - wallMs));
}

/** Same calendar day as `instant` in `zone`, at hour:minute on that day's wall clock. */
export function atWallClock(instant: Date, zone: string, hour: number, minute: number): Date {
  const z = new TZDate(instant.getTime(), zone);
  return new Date(new TZDate(z.getFullYear(), z.getMonth(), z.getDate(), hour, minute, 0, 0, zone).getTime());
}

/** Human date and time in `zone`, e.g. "Tue, Dec 1, 2026, 9:30 AM". */
export function formatInZone(instant: Date | string, zone: string, options?: Intl.DateTimeFormatOptions): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  return new Intl.DateTimeFormat(undefined, {
    weekday: 'short',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    ...options,
    timeZone: zone,
  }).format(date);
}
