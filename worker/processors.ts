import { DelayedError, type Job, type Queue } from 'bullmq';
import { eq } from 'drizzle-orm';
import { refreshSubscriptions } from '@/lib/accounts/subscription';
import { checkTokenHealth } from '@/lib/accounts/token-health';
import { db } from '@/lib/db';
import { posts } from '@/lib/db/schema';
import { emit } from '@/lib/events/emit';
import { errorSummary, logger } from '@/lib/log';
import { sendNotificationEmail } from '@/lib/notifications/email';
import { getPost } from '@/lib/posts/queries';
import { prepareMedia } from '@/lib/publishing/prepare';
import { publishPost } from '@/lib/publishing/publish';
import { reconcile } from '@/lib/publishing/reconcile';
import { sweep } from '@/lib/sweep';
import {
  NOTIFICATION_EMAIL_JOB,
  PREPARE_MEDIA_JOB,
  PUBLISH_JOB,
  RECONCILE_JOB,
  SUBSCRIPTION_REFRESH_JOB,
  SWEEP_JOB,
  TOKEN_HEALTH_JOB,
  type NotificationEmailJobData,
  type PublishJobData,
} from '@/lib/queue';

/**
 * Tells the post's owner (and their webhooks) that it went out or failed for good. After the
 * outcome committed; a failure to tell is logged, and the job still reports the outcome.
 */
async function announce(postId: string, type: 'post.published' | 'post.failed'): Promise<void> {
  try {
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

/** Turns lib/publishing's outcomes into BullMQ's vocabulary. */
export function postQueueProcessor(queue: Queue) {
  return async (job: Job, token?: string) => {
    if (job.name === RECONCILE_JOB) return reconcile(queue);
    if (job.name === SWEEP_JOB) return sweep();
    if (job.name === SUBSCRIPTION_REFRESH_JOB) return refreshSubscriptions();
    if (job.name === TOKEN_HEALTH_JOB) return checkTokenHealth();
    if (job.name === NOTIFICATION_EMAIL_JOB) return sendNotificationEmail((job.data as NotificationEmailJobData).notificationId, job.attemptsMade + 1);
    if (job.name !== PUBLISH_JOB) throw new Error(`unknown job ${job.name}`);
    const { postId, revision } = job.data as PublishJobData;
    const result = await publishPost(postId, revision);
    if (result.outcome === 'retry' || result.outcome === 'too_early') {
      // Back to delayed without failing the job: the post's own attempt count governs retries.
      await job.moveToDelayed(result.at.getTime(), token);
      throw new DelayedError();
    }
    if (result.outcome === 'published' || result.outcome === 'failed') await announce(postId, `post.${result.outcome}`);
    return result;
  };
}

/** Uploads of media ahead of the post's time (lib/publishing/prepare), on a queue of their own. */
export function mediaQueueProcessor() {
  return async (job: Job) => {
    if (job.name !== PREPARE_MEDIA_JOB) throw new Error(`unknown job ${job.name}`);
    const { postId, revision } = job.data as PublishJobData;
    return prepareMedia(postId, revision);
  };
}
