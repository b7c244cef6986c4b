import { TZDate } from '@date-fns/tz';
import { z } from 'zod';
import type { PostStatus } from '@/lib/db/schema';
import type { ListPostsQuery } from '../api/client';

/**
 * The posts page's filter, which lives in the address (`/posts?q=…&status=…`): a reload, back and
 * forward, and a shared link show the same list. Pure, shared by the server page (which parses the
 * address) and the client (which writes it). The cursor is deliberately not part of it: a reload
 * starts again from the first page, which is cheap and never shows a page that no longer exists.
 */
export interface PostsFilter {
  /** Words to find in any part's text (the API matches them as typed, case-insensitive). */
  q: string;
  statuses: PostStatus[];
  /** X account ids, each one of the user's. */
  accounts: string[];
  /** Calendar dates (YYYY-MM-DD) in the user's zone, both days included. */
  from: string | null;
  to: string | null;
  order: PostsOrder;
}

export type PostsOrder = 'asc' | 'desc';

/** In the order the chips show them: a post's life, left to right. */
export const POST_STATUSES = ['draft', 'scheduled', 'queued', 'publishing', 'published', 'failed', 'cancelled'] as const satisfies readonly PostStatus[];
// Fails to compile when a status is added to the schema and not here.
type MissingStatus = Exclude<PostStatus, (typeof POST_STATUSES)[number]>;
const everyStatusListed: MissingStatus extends never ? true : false = true;
void everyStatusListed;

/** Latest first by default: drafts without a time, then the furthest scheduled, down to the oldest. */
export const DEFAULT_ORDER: PostsOrder = 'desc';
export const SEARCH_MAX = 200;

export const EMPTY_FILTER: PostsFilter = { q: '', statuses: [], accounts: [], from: null, to: null, order: DEFAULT_ORDER };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day (no 31 February), as `<input type="date">` writes it. */
const calendarDate = z.string().refine((value) => {
  const m = DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return y >= 1970 && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
});

const commaList = (value: string) =>
  value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

type RawParams = Record<string, string | string[] | undefined>;

/** One value per name: a repeated name (`?status=a&status=b`) counts as a comma list. */
function read(params: RawParams, name: string): string | undefined {
  const value = params[name];
  return Array.isArray(value) ? value.join(',') : value;
}

export interface ParsedFilter {
  filter: PostsFilter;
  /** What in the address was ignored, said so the person knows the list is not what the link meant. */
  problems: string[];
}

/**
 * The filter an address asks for. Never throws: a value that makes no sense is left out and
 * said in `problems`; names it does not know are ignored (links may carry more).
 */
export function parsePostsFilter(params: RawParams, accountIds: readonly string[]): ParsedFilter {
  const problems: string[] = [];
  const filter: PostsFilter = { ...EMPTY_FILTER, statuses: [], accounts: [] };

  const q = (read(params, 'q') ?? '').trim();
  if (q.length > SEARCH_MAX) problems.push(`The search was longer than ${SEARCH_MAX} characters and is ignored.`);
  else filter.q = q;

  for (const status of commaList(read(params, 'status') ?? '')) {
    const known = POST_STATUSES.find((s) => s === status);
    if (!known) problems.push(`“${status.slice(0, 40)}” is not a status; ignored.`);
    else if (!filter.statuses.includes(known)) filter.statuses.push(known);
  }

  const mine = new Set(accountIds);
  for (const account of commaList(read(params, 'account') ?? '')) {
    if (!mine.has(account)) problems.push('An account in the address is not one of yours; ignored.');
    else if (!filter.accounts.includes(account)) filter.accounts.push(account);
  }

  for (const name of ['from', 'to'] as const) {
    const value = read(params, name);
    if (value === undefined || value === '') continue;
    if (calendarDate.safeParse(value).success) filter[name] = value;
    else problems.push(`“${value.slice(0, 40)}” is not a date (YYYY-MM-DD); the ${name === 'from' ? 'start' : 'end'} of the range is ignored.`);
  }
  if (filter.from && filter.to && filter.from > filter.to) {
    problems.push('The range starts after it ends; the dates are ignored.');
    filter.from = null;
    filter.to = null;
  }

  const order = read(params, 'order');
  if (order === 'asc' || order === 'desc') filter.order = order;
  else if (order !== undefined && order !== '') problems.push('The order is “asc” or “desc”; the default is used.');

  return { filter, problems: [...new Set(problems)] };
}

/** The page's address for a filter: only what differs from the defaults, in a stable order. */
export function postsHref(filter: PostsFilter): string {
  const params = new URLSearchParams();
  if (filter.q) params.set('q', filter.q);
  if (filter.statuses.length > 0) params.set('status', POST_STATUSES.filter((s) => filter.statuses.includes(s)).join(','));
  if (filter.accounts.length > 0) params.set('account', filter.accounts.join(','));
  if (filter.from) params.set('from', filter.from);
  if (filter.to) params.set('to', filter.to);
  if (filter.order !== DEFAULT_ORDER) params.set('order', filter.order);
  const query = params.toString();
  return query ? `/posts?${query}` : '/posts';
}

/** Anything that narrows the list (the order does not). */
export const isFiltered = (f: PostsFilter): boolean => f.q !== '' || f.statuses.length > 0 || f.accounts.length > 0 || f.from !== null || f.to !== null;

/** Midnight starting `date` (YYYY-MM-DD) on the wall clock of `zone`, as an instant. */
function startOfDayIn(date: string, zone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d, 0, 0, 0, 0, zone).getTime());
}

/** The day after a YYYY-MM-DD date (Date.UTC rolls months and years over). */
function nextDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/**
 * The end of time as the API's `to` takes it. The API counts a post without a time as later than
 * any time, so a range open at its end would list the drafts without one; on this page a date
 * range means "posts on these days", with or without its end.
 */
const LAST_INSTANT = '9999-12-31T23:59:59.999Z';

/**
 * The API's query for a filter, its dates read in `zone`: `from` at that day's first instant, `to`
 * at the last millisecond of that day (the API's `to` is inclusive, and takes milliseconds).
 */
export function apiQuery(filter: PostsFilter, zone: string): Omit<ListPostsQuery, 'cursor' | 'limit'> {
  const to = filter.to ? new Date(startOfDayIn(nextDay(filter.to), zone).getTime() - 1).toISOString() : filter.from ? LAST_INSTANT : undefined;
  return {
    q: filter.q || undefined,
    status: filter.statuses.length > 0 ? filter.statuses.join(',') : undefined,
    account: filter.accounts.length > 0 ? filter.accounts.join(',') : undefined,
    from: filter.from ? startOfDayIn(filter.from, zone).toISOString() : undefined,
    to,
    order: filter.order,
  };
}
