import type { EventType, HeraldEvent } from '../events/types';
import type { NewNotification } from './store';

/** How much of a post's text a notification quotes: enough to tell posts apart. */
const EXCERPT_CHARS = 60;

function excerpt(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > EXCERPT_CHARS ? `${line.slice(0, EXCERPT_CHARS - 1)}…` : line;
}

/** The events that become a notification (and an email); the others are for webhooks only. */
export const NOTIFIED_EVENTS: readonly EventType[] = ['post.failed', 'account.reconnect_needed'];

/** What the user is told about an event, or null for events that are not notified (the webhooks still get them). */
export function notificationFor(event: HeraldEvent): NewNotification | null {
  switch (event.type) {
    case 'post.failed': {
      const { post } = event.data;
      const quoted = post.parts[0]?.text ? ` “${excerpt(post.parts[0].text)}”` : '';
      return {
        userId: event.userId,
        type: 'post.failed',
        title: `A post to @${post.accountUsername} failed`,
        body: `Your post${quoted} to @${post.accountUsername} could not be published: ${post.error ?? 'no reason was given'}`,
        link: `/calendar?post=${encodeURIComponent(post.id)}`,
      };
    }
    case 'account.reconnect_needed': {
      const { account } = event.data;
      return {
        userId: event.userId,
        type: 'account.reconnect_needed',
        title: `Reconnect @${account.username}`,
        body: `${account.reason} Its scheduled posts will fail until you reconnect it on the Accounts page.`,
        link: '/accounts',
      };
    }
    case 'post.scheduled':
    case 'post.published':
      return null;
  }
}
