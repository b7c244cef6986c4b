import { eq } from 'drizzle-orm';
import { db } from '../db';
import { posts } from '../db/schema';
import { errorSummary, logger } from '../log';
import { NOTIFIED_EVENTS } from '../notifications/content';
import { getPost } from '../posts/queries';
import { postOwnerSubscribes } from '../webhooks/queries';
import { emit } from './emit';

/**
 * Tells a post's owner (and their webhooks) that it went out or failed for good, after the outcome
 * committed. On the publishing path: when neither the bell nor a webhook takes the event (a
 * published post of a user without such a webhook), it costs one read. A failure to tell is
 * logged; the outcome stands.
 */
export async function announcePostOutcome(postId: string, type: 'post.published' | 'post.failed'): Promise<void> {
  try {
    if (!NOTIFIED_EVENTS.includes(type) && !(await postOwnerSubscribes(postId, type))) return;
    const [row] = await db().select({ userId: posts.userId }).from(posts).where(eq(posts.id, postId));
    if (!row) return;
    const post = await getPost(row.userId, postId);
    // A worker fenced out of its claim returns an outcome it could not write: the post says what happened.
    if (`post.${post.status}` !== type) return;
    await emit({ type, userId: row.userId, data: { post } });
  } catch (error) {
    logger().error({ event: 'announce_failed', postId, type, ...errorSummary(error) }, 'could not announce a post outcome');
  }
}
