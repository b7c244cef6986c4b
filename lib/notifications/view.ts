import type { Notification, NotificationType } from '../db/schema';

/** A notification as the API and the bell show it. `link` is a path inside Herald. */
export interface NotificationView {
  id: string;
  type: NotificationType;
  title: string;
  body: string;
  link: string;
  readAt: string | null;
  createdAt: string;
}

export function toNotificationView(row: Notification): NotificationView {
  return {
    id: row.id,
    type: row.type,
    title: row.title,
    body: row.body,
    link: row.link,
    readAt: row.readAt ? row.readAt.toISOString() : null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** One page of a user's list, with their unread count (the bell's number). */
export interface NotificationsPage {
  notifications: NotificationView[];
  unread: number;
  /** Opaque: the page after this one, or null on the last page. */
  nextCursor: string | null;
}
