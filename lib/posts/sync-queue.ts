import { isWaiting, type Post } from '../db/schema';
import { logger } from '../log';
import { enqueuePrepareMedia, enqueuePublish, removePrepareJob, removePublishJob, type PublishJobRef } from '../queue';

/** Not worth an upload ahead of time: the publish, moments later, does it. */
const PREPARE_MIN_AHEAD_MS = 5_000;

/**
 * Brings the queue in line with a post's committed state: the jobs of its current revision while
 * it waits to be published (the publish, and the upload of its media ahead of time when it has
 * any), and none for the revision before. Runs after the transaction commits, so a rollback can
 * never leave a job for a revision that is later reused. When Redis cannot be reached the post
 * stays saved (Postgres is the truth) and the scheduler queues it before it is due.
 */
export async function syncQueue(post: Post | null, before?: PublishJobRef, opts: { hasMedia?: boolean } = {}): Promise<void> {
  if (before && (!post || before.revision !== post.revision)) {
    await removePublishJob(before);
    await removePrepareJob(before);
  }
  if (!post || !isWaiting(post.status) || !post.scheduledAt) return;
  try {
    await enqueuePublish(post, post.scheduledAt);
    if (opts.hasMedia && post.scheduledAt.getTime() - Date.now() > PREPARE_MIN_AHEAD_MS) await enqueuePrepareMedia(post, post.scheduledAt);
  } catch {
    logger().warn({ event: 'enqueue_deferred', postId: post.id }, 'queue unreachable; the scheduler will queue the post before it is due');
  }
}
