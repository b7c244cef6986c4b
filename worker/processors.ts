import { DelayedError, type Job, type Queue } from 'bullmq';
import { refreshSubscriptions } from '@/lib/accounts/subscription';
import { prepareMedia } from '@/lib/publishing/prepare';
import { publishPost } from '@/lib/publishing/publish';
import { reconcile } from '@/lib/publishing/reconcile';
import { withLogContext } from '@/lib/log';
import { sweep } from '@/lib/sweep';
import { PREPARE_MEDIA_JOB, PUBLISH_JOB, RECONCILE_JOB, SUBSCRIPTION_REFRESH_JOB, SWEEP_JOB, type PublishJobData } from '@/lib/queue';

/** Turns lib/publishing's outcomes into BullMQ's vocabulary. */
export function postQueueProcessor(queue: Queue) {
  const processJob = async (job: Job, token?: string) => {
    if (job.name === RECONCILE_JOB) return reconcile(queue);
    if (job.name === SWEEP_JOB) return sweep();
    if (job.name === SUBSCRIPTION_REFRESH_JOB) return refreshSubscriptions();
    if (job.name !== PUBLISH_JOB) throw new Error(`unknown job ${job.name}`);
    const { postId, revision } = job.data as PublishJobData;
    const result = await publishPost(postId, revision);
    if (result.outcome === 'retry' || result.outcome === 'too_early') {
      // Back to delayed without failing the job: the post's own attempt count governs retries.
      await job.moveToDelayed(result.at.getTime(), token);
      throw new DelayedError();
    }
    return result;
  };
  // Every line logged while a job runs names the job and, for a publish, its post.
  return (job: Job, token?: string) => withLogContext({ jobId: job.id, ...jobPost(job) }, () => processJob(job, token));
}

function jobPost(job: Job): { postId?: string } {
  return job.name === PUBLISH_JOB || job.name === PREPARE_MEDIA_JOB ? { postId: (job.data as PublishJobData).postId } : {};
}

/** Uploads of media ahead of the post's time (lib/publishing/prepare), on a queue of their own. */
export function mediaQueueProcessor() {
  return async (job: Job) => {
    if (job.name !== PREPARE_MEDIA_JOB) throw new Error(`unknown job ${job.name}`);
    const { postId, revision } = job.data as PublishJobData;
    return withLogContext({ jobId: job.id, postId }, () => prepareMedia(postId, revision));
  };
}
