import type { PostView } from '@/lib/posts/view';
import { formatInZone } from '../calendar/zoned-time';
import { retryLine } from '../retry-line';

const box = 'rounded-lg px-3 py-2 text-sm';

/** What the post's state means for the person editing it, and what they can still do. */
export function PostStatusNote({ post, zone }: { post: PostView; zone: string }) {
  switch (post.status) {
    case 'published':
      return (
        <div className={`${box} bg-emerald-50 text-emerald-900`}>
          Published on X{post.publishedAt ? ` ${formatInZone(post.publishedAt, zone)}` : ''}. It can no longer be edited.{' '}
          {post.url ? (
            <a href={post.url} target="_blank" rel="noreferrer" className="font-medium underline">
              View on X
            </a>
          ) : null}
        </div>
      );
    case 'publishing':
      return <div className={`${box} bg-amber-50 text-amber-900`}>Being published right now. It can no longer be changed.</div>;
    case 'failed':
      return (
        <div className={`${box} bg-rose-50 text-rose-900`}>
          <p className="font-medium">
            Publishing failed{post.attempts > 1 ? ` after ${post.attempts} attempts` : ''}.
          </p>
          {post.error ? <p className="mt-0.5">{post.error}</p> : null}
          <p className="mt-1 text-rose-800">Retry it as it is, or edit it and schedule it again.</p>
        </div>
      );
    case 'cancelled':
      return <div className={`${box} bg-zinc-100 text-zinc-700`}>Cancelled: it will not go out. Schedule it again or keep it as a draft.</div>;
    case 'queued':
    case 'scheduled':
      // A transient failure (network, 5xx, rate limit) is being retried by the worker.
      return post.retry ? (
        <div className={`${box} bg-amber-50 text-amber-900`}>
          <p className="font-medium">{retryLine(post.retry, zone)}</p>
          {post.error ? <p className="mt-0.5">{post.error}</p> : null}
        </div>
      ) : null;
    default:
      return null;
  }
}
