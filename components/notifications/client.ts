/**
 * The browser's calls to the notifications API, beside components/api/client's (same transport,
 * same rule: components never write an API path). Types only from the server's modules.
 */
import type { NotificationsPage } from '@/lib/notifications/view';
import type { Reader } from '../api/result';
import { send } from '../api/transport';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const page: Reader<NotificationsPage> = (body) =>
  isRecord(body) && Array.isArray(body.notifications) && typeof body.unread === 'number' ? (body as unknown as NotificationsPage) : undefined;
const unread: Reader<number> = (body) => (isRecord(body) && typeof body.unread === 'number' ? body.unread : undefined);
const email: Reader<string | null> = (body) => (isRecord(body) && (typeof body.email === 'string' || body.email === null) ? body.email : undefined);

export const notifications = {
  /** Newest first; `limit: 1` is the cheap way to read the unread count alone. */
  list: (opts: { cursor?: string; limit?: number } = {}) => {
    const query = new URLSearchParams();
    if (opts.cursor) query.set('cursor', opts.cursor);
    if (opts.limit) query.set('limit', String(opts.limit));
    const qs = query.toString();
    return send('GET', `/api/v1/notifications${qs ? `?${qs}` : ''}`, page);
  },
  /** Answers the unread count left. */
  markRead: (ids: string[]) => send('POST', '/api/v1/notifications/read', unread, { ids }),
  markAllRead: () => send('POST', '/api/v1/notifications/read', unread, { all: true }),
  /** Where notification emails go; '' removes the address. */
  setEmail: (address: string) => send('PUT', '/api/v1/notifications/email', email, { email: address }),
};
