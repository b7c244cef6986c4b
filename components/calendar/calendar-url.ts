import type { PostStatus } from '@/lib/db/schema';
import { isCalendarView, type CalendarViewName } from './range';

/**
 * The calendar's state as it lives in the address bar, so a reload, back/forward and a shared
 * link all show the same calendar:
 * `/calendar?view=week&date=2026-12-10&tz=Asia/Tokyo&account=<id>,<id>&status=scheduled,failed&post=<id>`.
 * Pure functions, no React. Parsing never throws: a value that makes no sense is dropped (its
 * default applies) and the canonical form, which the page then writes back, leaves it out.
 */

export const POST_STATUSES: readonly PostStatus[] = ['draft', 'scheduled', 'queued', 'publishing', 'published', 'failed', 'cancelled'];

/** Bounds what a hand-edited link can make us send (the API allows no more either). */
export const MAX_ACCOUNT_FILTER = 50;

export interface CalendarQuery {
  view: CalendarViewName;
  /** A calendar date `YYYY-MM-DD` in the shown zone; null means today. */
  date: string | null;
  /** An IANA zone that overrides the user's own for this link; null means the user's. */
  tz: string | null;
  /** Account ids to show; empty means all. */
  accounts: string[];
  /** Statuses to show; empty means all. */
  statuses: PostStatus[];
  /** A post open in the composer. */
  post: string | null;
}

export const DEFAULT_QUERY: CalendarQuery = { view: 'month', date: null, tz: null, accounts: [], statuses: [], post: null };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `YYYY-MM-DD` that names a real day (no 31 February), years 1970–9999. */
export function isCalendarDay(value: string): boolean {
  const m = DAY.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1970 || month < 1 || month > 12 || day < 1) return false;
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** An IANA zone name this runtime knows (Intl refuses the others). */
export function isTimeZone(value: string): boolean {
  if (value.length === 0 || value.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

const isStatus = (value: string): value is PostStatus => (POST_STATUSES as readonly string[]).includes(value);

/** A comma list: trimmed, empties and duplicates gone, order kept. */
function commaList(raw: string | null): string[] {
  if (!raw) return [];
  return [...new Set(raw.split(',').map((s) => s.trim()).filter((s) => s.length > 0))];
}

/**
 * Reads the query string. `knownAccounts`, when given, also drops account ids that are not the
 * user's (a link from someone else, an account since removed).
 */
export function parseCalendarQuery(params: URLSearchParams, knownAccounts?: ReadonlySet<string>): CalendarQuery {
  const view = params.get('view');
  const date = params.get('date');
  const tz = params.get('tz');
  const post = params.get('post');
  const accounts = commaList(params.get('account'))
    .map((id) => id.toLowerCase())
    .filter((id) => UUID.test(id) && (!knownAccounts || knownAccounts.has(id)))
    .slice(0, MAX_ACCOUNT_FILTER);
  // Every status chosen is the same as none chosen: both show everything, and the shorter link wins.
  const statuses = POST_STATUSES.filter((s) => commaList(params.get('status')).filter(isStatus).includes(s));
  return {
    view: view && isCalendarView(view) ? view : DEFAULT_QUERY.view,
    date: date && isCalendarDay(date) ? date : null,
    tz: tz && isTimeZone(tz) ? tz : null,
    accounts,
    statuses: statuses.length === POST_STATUSES.length ? [] : statuses,
    post: post && UUID.test(post) ? post.toLowerCase() : null,
  };
}

/** The canonical query string (with its `?`, or '' for the default calendar); defaults are left out. */
export function formatCalendarQuery(query: CalendarQuery): string {
  const params = new URLSearchParams();
  if (query.view !== DEFAULT_QUERY.view) params.set('view', query.view);
  if (query.date) params.set('date', query.date);
  if (query.tz) params.set('tz', query.tz);
  if (query.accounts.length > 0) params.set('account', query.accounts.join(','));
  if (query.statuses.length > 0) params.set('status', POST_STATUSES.filter((s) => query.statuses.includes(s)).join(','));
  if (query.post) params.set('post', query.post);
  // Commas and slashes stay readable: both are legal in a query string.
  const text = params.toString().replaceAll('%2C', ',').replaceAll('%2F', '/');
  return text ? `?${text}` : '';
}

/** Calendar date (browser-local wall clock, see zoned-time.ts) → `YYYY-MM-DD`. */
export function dayOf(calendarDate: Date): string {
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(calendarDate.getFullYear(), 4)}-${pad(calendarDate.getMonth() + 1)}-${pad(calendarDate.getDate())}`;
}

/** `YYYY-MM-DD` (already valid) → calendar date at midnight. */
export function calendarDateOf(day: string): Date {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(year, month - 1, date);
}
