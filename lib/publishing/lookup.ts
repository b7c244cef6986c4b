import { xUserClient } from '../x/client';

/**
 * After a create call whose outcome is unknown: is the part on the account's timeline already?
 * A part of a thread is recognised by the post it replies to, a first part by its text.
 */
export async function findPublishedPart(token: string, xUserId: string, text: string, replyTo: string | null): Promise<string | null> {
  try {
    const timeline = await xUserClient(token).v2.userTimeline(xUserId, {
      max_results: 20,
      'tweet.fields': ['referenced_tweets', 'created_at'],
    });
    for (const tweet of timeline.tweets) {
      const repliesTo = tweet.referenced_tweets?.find((r) => r.type === 'replied_to')?.id ?? null;
      if (repliesTo === replyTo && tweet.text === text) return tweet.id;
    }
    return null;
  } catch {
    return null; // could not look: treat as not posted, the retry's duplicate check is X's own guard
  }
}
