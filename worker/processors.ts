import { DelayedError, type Job, type Queue } from 'bullmq';
import { checkTokenHealth } from '@/lib/accounts/token-health';
import { refreshSubscriptions } from '@/lib/accounts/subscription';
import { PAUSED_RECHECK_MS, pauseGate } from '@/lib/admin/pause';
import { announcePostOutcome } from '@/lib/events/post-outcome';
import { logger } from '@/lib/log';
import { sendNotificationEmail } from '@/lib/notifications/email';
import { prepareMedia } from '@/lib/publishing/prepare';
import { publishPost } from '@/lib/publishing/publish';
import { reconcile } from '@/lib/publishing/reconcile';
import { sweep } from '@/lib/sweep';
import {
  DELIVER_WEBHOOK_JOB,
  NOTIFICATION_EMAIL_JOB,
  PREPARE_MEDIA_JOB,
  PUBLISH_JOB,
  RECONCILE_JOB,
  SUBSCRIPTION_REFRESH_JOB,
  SWEEP_JOB,
  TOKEN_HEALTH_JOB,
  type DeliveryJobData,
  type NotificationEmailJobData,
  type PublishJobData,
} from '@/lib/queue';
import { deliver } from '@/lib/webhooks/deliver';

/** Turns lib/publishing's outcomes into BullMQ's vocabulary. */
export function postQueueProcessor(queue: Queue) {
  const publishingPaused = pauseGate();
  return async (job: Job, token?: string) => {
    if (job.name === RECONCILE_JOB) return reconcile(queue);
    if (job.name === SWEEP_JOB) return sweep();
    if (job.name === SUBSCRIPTION_REFRESH_JOB) return refreshSubscriptions();
    if (job.name === TOKEN_HEALTH_JOB) return checkTokenHealth();
    if (job.name !== PUBLISH_JOB) throw new Error(`unknown job ${job.name}`);
    // Paused by an admin (Postgres says so, whatever Redis lost; a pause binds within a second):
    // the job waits, nothing is claimed. The periodic jobs above keep running; resume promotes
    // the parked jobs of due posts.
    if (await publishingPaused()) {
      await job.moveToDelayed(Date.now() + PAUSED_RECHECK_MS, token);
      throw new DelayedError();
    }
    const { postId, revision } = job.data as PublishJobData;
    const result = await publishPost(postId, revision);
    if (result.outcome === 'retry' || result.outcome === 'too_early') {
      // Back to delayed without failing the job: the post's own attempt count governs retries.
      await job.moveToDelayed(result.at.getTime(), token);
      throw new DelayedError();
    }
    // The outcome's line names the job as well as the post. (Not through a log context: on
    // Node 20 AsyncLocalStorage costs every promise of the worker, about a fifth of its CPU per
    // post in the burst bench; lines inside lib/publishing name their post.)
    if (result.outcome === 'published') logger().info({ event: 'published', postId, revision, jobId: job.id }, 'post published');
    if (result.outcome === 'failed') logger().warn({ event: 'publish_failed', postId, revision, jobId: job.id, errorClass: result.errorClass }, 'post failed');
    if (result.outcome === 'published' || result.outcome === 'failed') await announcePostOutcome(postId, `post.${result.outcome}`);
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

/**
 * Messages to the outside world: webhook deliveries (lib/webhooks/deliver) and notification
 * emails (lib/notifications/email). A failed attempt throws, and BullMQ retries it with backoff.
 */
export function outboundQueueProcessor() {
  return async (job: Job) => {
    if (job.name === NOTIFICATION_EMAIL_JOB) return sendNotificationEmail((job.data as NotificationEmailJobData).notificationId, job.attemptsMade + 1);
    if (job.name !== DELIVER_WEBHOOK_JOB) throw new Error(`unknown job ${job.name}`);
    const { deliveryId } = job.data as DeliveryJobData;
    const result = await deliver(deliveryId);
    if (result.outcome === 'retry') throw new Error(result.error);
    return result.outcome;
  };
}
