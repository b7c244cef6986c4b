'use client';

import { UserAvatar } from '@/components/user-avatar';
import { replySettingNote } from './layout';
import { MediaGrid } from './media-grid';
import { PollPreview } from './poll-preview';
import { QuoteCard, ReplyLine } from './post-links';
import { PostText } from './post-text';
import { PALETTES, type PreviewPalette } from './theme';
import type { PostPreviewProps, PreviewAccount, PreviewPart } from './types';

export type { PostPreviewProps, PreviewAccount, PreviewMedia, PreviewPart, PreviewTheme } from './types';

const isEmpty = (part: PreviewPart) => part.text.trim() === '' && part.media.length === 0 && !part.poll && !part.quotePostId;

interface PartProps {
  account: PreviewAccount;
  part: PreviewPart;
  index: number;
  total: number;
  replyToPostId: string | null;
  note: string | null;
  palette: PreviewPalette;
}

function PreviewArticle({ account, part, index, total, replyToPostId, note, palette }: PartProps) {
  const last = index === total - 1;
  const name = account.name.trim() || account.username;
  return (
    // Each part of a thread is named by its place; a single post needs no name beyond the section's.
    <article aria-label={total > 1 ? `Part ${index + 1} of ${total}` : undefined} className="flex gap-3">
      {/* The avatar column stretches to the part's full height, so the thread line meets the next avatar. */}
      <div className="flex w-10 shrink-0 flex-col items-center">
        <UserAvatar src={account.avatarUrl} name={name} size={40} />
        {!last ? <div aria-hidden="true" data-thread-line="" className={`mt-1 w-0.5 grow ${palette.line}`} /> : null}
      </div>
      <div className={`min-w-0 flex-1 ${last ? 'pb-3' : 'pb-5'}`}>
        <p className="flex min-w-0 items-baseline gap-1 text-[15px] leading-5">
          <span className="truncate font-bold">{name}</span>
          <span className={`truncate ${palette.muted}`}>@{account.username}</span>
          <span aria-hidden="true" className={palette.muted}>
            ·
          </span>
          <span className={`shrink-0 ${palette.muted}`}>now</span>
        </p>
        {index === 0 && replyToPostId ? <ReplyLine postId={replyToPostId} palette={palette} /> : null}
        <div className="mt-0.5">
          {isEmpty(part) ? (
            <p data-placeholder="" className={`text-[15px] italic leading-5 ${palette.muted}`}>
              Nothing written yet
            </p>
          ) : part.text.trim() !== '' ? (
            <PostText text={part.text} palette={palette} />
          ) : null}
          <MediaGrid media={part.media} palette={palette} />
          {part.poll ? <PollPreview poll={part.poll} palette={palette} /> : null}
          {part.quotePostId ? <QuoteCard postId={part.quotePostId} palette={palette} /> : null}
        </div>
        {note ? (
          <p data-reply-settings="" className={`mt-3 text-[13px] leading-4 ${palette.muted}`}>
            {note}
          </p>
        ) : null}
      </div>
    </article>
  );
}

/**
 * The post or thread as it will look on X: avatar, name, @username and "now" on each part, text
 * with X's entities highlighted, media grid, poll, quoted post, the thread line between parts, and
 * who may reply under the last part. Only draws what it is given: no fetching, no state of its own.
 */
export function PostPreview({ account, parts, replyToPostId, replySettings, theme }: PostPreviewProps) {
  const palette = PALETTES[theme];
  const note = replySettingNote(replySettings);
  return (
    <section aria-label="Preview on X" data-theme={theme} className={`rounded-2xl border px-4 pt-3 ${palette.surface} ${palette.border}`}>
      {parts.map((part, index) => (
        <PreviewArticle
          key={part.key}
          account={account}
          part={part}
          index={index}
          total={parts.length}
          replyToPostId={replyToPostId}
          note={index === parts.length - 1 ? note : null}
          palette={palette}
        />
      ))}
    </section>
  );
}
