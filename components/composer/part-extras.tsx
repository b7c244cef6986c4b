'use client';

import type { Dispatch } from 'react';
import { POLL_WITH_MEDIA_MESSAGE, POLL_WITH_QUOTE_MESSAGE } from '@/lib/x/rules';
import { ErrorList } from '../ui/error-list';
import { PollEditor } from './poll-editor';
import { PostRefField } from './post-ref-field';
import type { ComposerAction, PartState } from './state';

export interface PartExtrasProps {
  id: string;
  part: PartState;
  /** The first part of its post: only it can reply to another post. */
  first: boolean;
  /** Media attached (uploading or ready): a poll can't go with it. */
  mediaCount: number;
  readOnly: boolean;
  /** The API's messages about this part's poll, quote and reply target, by field below the part. */
  errors: Record<string, string[]>;
  dispatch: Dispatch<ComposerAction>;
}

const addStyle =
  'rounded-md px-2 py-1 text-sm font-medium text-sky-700 hover:bg-sky-50 focus-visible:outline-2 focus-visible:outline-slate-900 disabled:cursor-not-allowed disabled:text-slate-400 disabled:hover:bg-transparent';

/**
 * A part's poll, quoted post and reply target, with the buttons that add them. A poll goes with
 * neither media nor a quote (X's rule): its button is disabled then, saying why.
 */
export function PartExtras({ id, part, first, mediaCount, readOnly, errors, dispatch }: PartExtrasProps) {
  const { poll, quote, replyTo } = part.kinds;
  const partKey = part.key;
  const pollBlocked = poll ? null : mediaCount > 0 ? POLL_WITH_MEDIA_MESSAGE : quote !== null ? POLL_WITH_QUOTE_MESSAGE : null;
  const quoteBlocked = poll ? POLL_WITH_QUOTE_MESSAGE : null;
  const blockedId = `${id}-blocked`;
  const reasons = [pollBlocked, quoteBlocked].filter((r): r is string => r !== null);
  // Messages about a field no longer shown (a reply target on a part that is no longer first) still show here.
  const orphans = replyTo === null && !first ? (errors['replyToPostId'] ?? []) : [];
  const offers = !readOnly && (!poll || quote === null || (first && replyTo === null));
  if (readOnly && !poll && quote === null && replyTo === null) return null;
  return (
    <div className="mt-2 flex flex-col gap-2">
      {replyTo !== null ? (
        <PostRefField
          id={`${id}-reply`}
          label="Replying to"
          value={replyTo}
          readOnly={readOnly}
          errors={errors['replyToPostId'] ?? []}
          onChange={(value) => dispatch({ type: 'postRef', partKey, field: 'replyTo', value })}
          onRemove={() => dispatch({ type: 'postRef', partKey, field: 'replyTo', value: null })}
          removeLabel="Remove reply"
        />
      ) : null}
      {poll ? (
        <PollEditor
          id={`${id}-poll`}
          poll={poll}
          readOnly={readOnly}
          errors={errors}
          onOption={(index, text) => dispatch({ type: 'pollOption', partKey, index, text })}
          onAddOption={() => dispatch({ type: 'addPollOption', partKey })}
          onRemoveOption={(index) => dispatch({ type: 'removePollOption', partKey, index })}
          onDuration={(minutes) => dispatch({ type: 'pollDuration', partKey, minutes })}
          onRemove={() => dispatch({ type: 'removePoll', partKey })}
        />
      ) : (
        <ErrorList messages={errors['poll'] ?? []} small />
      )}
      {quote !== null ? (
        <PostRefField
          id={`${id}-quote`}
          label="Quoted post"
          value={quote}
          readOnly={readOnly}
          errors={errors['quotePostId'] ?? []}
          onChange={(value) => dispatch({ type: 'postRef', partKey, field: 'quote', value })}
          onRemove={() => dispatch({ type: 'postRef', partKey, field: 'quote', value: null })}
          removeLabel="Remove quote"
        />
      ) : null}
      <ErrorList messages={orphans} small />
      {offers ? (
        <div className="flex flex-wrap items-center gap-1">
          {!poll ? (
            <button type="button" className={addStyle} disabled={pollBlocked !== null} aria-describedby={pollBlocked ? blockedId : undefined} onClick={() => dispatch({ type: 'addPoll', partKey })}>
              Add poll
            </button>
          ) : null}
          {quote === null ? (
            <button
              type="button"
              className={addStyle}
              disabled={quoteBlocked !== null}
              aria-describedby={quoteBlocked ? blockedId : undefined}
              onClick={() => dispatch({ type: 'postRef', partKey, field: 'quote', value: '' })}
            >
              Quote a post
            </button>
          ) : null}
          {first && replyTo === null ? (
            <button type="button" className={addStyle} onClick={() => dispatch({ type: 'postRef', partKey, field: 'replyTo', value: '' })}>
              Reply to a post
            </button>
          ) : null}
          {reasons.length > 0 ? (
            <span id={blockedId} className="text-xs text-slate-500">
              {reasons.join('. ')}.
            </span>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
