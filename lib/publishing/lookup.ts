import { xUserClient } from '../x/client';

/** X rewrites links to t.co and appends media links: compare texts without any URL. */
function comparable(text: string): string {
  return text
    .replace(/https?:\/\/\S+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Is the part already on the account's timeline? Asked after a create call whose outcome is
 * unknown, before any second attempt. A part is recognised by the post it answers (the part
 * before, the post a first part replies to, or none) and by its text, among posts made since
 * `since`. A poll or a quoted post changes neither: X keeps the text as sent (a quote's link, if
 * one is shown, is a URL, which the comparison leaves out). Throws when X cannot be asked: then nobody knows,
 * and the caller must not send again.
 */
export async function findPublishedPart(token: string, xUserId: string, part: { text: string; replyTo: string | null; since: Date }): Promise<string | null> {
  const timeline = await xUserClient(token).v2.userTimeline(xUserId, {
    max_results: 20,
    start_time: new Date(part.since.getTime() - 60_000).toISOString(),
    'tweet.fields': ['referenced_tweets', 'created_at'],
  });
  const wanted = comparable(part.text);
  for (const tweet of timeline.tweets) {
    const repliesTo = tweet.referenced_tweets?.find((r) => r.type === 'replied_to')?.id ?? null;
    if (repliesTo === part.replyTo && comparable(tweet.text) === wanted) return tweet.id;
  }
  return null;
}
