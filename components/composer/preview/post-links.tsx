import { postUrl } from './layout';
import type { PreviewPalette } from './theme';

/*
 * Links to the posts a draft quotes or replies to are real links, unlike the entities in the text:
 * checking that the id is the post meant is exactly what a person may want from the preview, and
 * they open in a new tab, so the draft stays where it is.
 */

/** "Replying to post {id}", above the first part's text (X names the author; Herald knows only the id). */
export function ReplyLine({ postId, palette }: { postId: string; palette: PreviewPalette }) {
  return (
    <p data-reply-to={postId} className={`text-[15px] leading-5 ${palette.muted}`}>
      Replying to post{' '}
      <a href={postUrl(postId)} target="_blank" rel="noreferrer" aria-label={`Post ${postId} on X`} className={`${palette.link} hover:underline`}>
        {postId}
      </a>
    </p>
  );
}

/** The quoted post as a bordered card: Herald cannot fetch it, so the card names it and links to it. */
export function QuoteCard({ postId, palette }: { postId: string; palette: PreviewPalette }) {
  const url = postUrl(postId);
  return (
    <div data-quote={postId} className={`mt-3 rounded-2xl border px-3 py-2.5 text-[15px] leading-5 ${palette.border}`}>
      <p className="font-bold">Quoting post {postId}</p>
      <a href={url} target="_blank" rel="noreferrer" className={`break-all ${palette.link} hover:underline`}>
        {url.replace(/^https:\/\//, '')}
      </a>
    </div>
  );
}
