import { DelayedError, type Job, type Queue } from 'bullmq';
import { publishPost } from '../publishing/publish';
import { reconcile } from '../publishing/reconcile';
import { PUBLISH_JOB, RECONCILE_JOB, type PublishJobData } from './index';

/** Turns lib/publishing's outcomes into BullMQ's vocabulary. */
export function postQueueProcessor(queue: Queue) {
  return async (job: Job, token?: string) => {
    if (job.name === RECONCILE_JOB) return reconcile(queue);
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
}
