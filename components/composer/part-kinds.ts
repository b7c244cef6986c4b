import type { PostPartView } from '@/lib/posts/view';
import { parsePostRef, POLL_MAX_MINUTES, POLL_MAX_OPTIONS, POLL_MIN_MINUTES, POLL_MIN_OPTIONS, POST_REF_MESSAGE, type PollSpec, type ReplySetting } from '@/lib/x/rules';

/**
 * What a part holds besides text and media: a poll, a quoted post, the post the thread replies
 * to. Kept as typed (a pasted link stays a link) so the field shows what the person wrote; the
 * ids are worked out when the body is built.
 */
export interface PartKinds {
  poll: PollSpec | null;
  /** The quote field's text; null while there is no quote. */
  quote: string | null;
  /** The reply field's text (first part only); null while the thread replies to nothing. */
  replyTo: string | null;
}

export const NO_KINDS: PartKinds = { poll: null, quote: null, replyTo: null };

/** A new poll: two empty options, open for a day (X's own default). */
export const NEW_POLL: PollSpec = { options: ['', ''], durationMinutes: 24 * 60 };

export const kindsOfView = (part: Pick<PostPartView, 'poll' | 'quotePostId' | 'replyToPostId'>): PartKinds => ({
  poll: part.poll ? { options: [...part.poll.options], durationMinutes: part.poll.durationMinutes } : null,
  quote: part.quotePostId,
  replyTo: part.replyToPostId,
});

/** What a post field's text names: nothing yet, a post id, or not a post. */
export type PostRefState = { kind: 'empty' } | { kind: 'id'; id: string } | { kind: 'invalid'; message: string };

export function postRefState(raw: string | null): PostRefState {
  if (raw === null || raw.trim() === '') return { kind: 'empty' };
  const id = parsePostRef(raw);
  return id === null ? { kind: 'invalid', message: POST_REF_MESSAGE } : { kind: 'id', id };
}

/**
 * The value the API gets for a post field: the id when the text names one, else the text as
 * typed, so the API's field message comes back next to it; nothing when the field is empty.
 */
function refValue(raw: string | null): string | undefined {
  const state = postRefState(raw);
  if (state.kind === 'empty') return undefined;
  return state.kind === 'id' ? state.id : raw!.trim();
}

/** The part's fields as `/api/v1/posts` takes them (`poll`, `quotePostId`, `replyToPostId`), absent when unset. */
export function kindsBody(kinds: PartKinds): { poll?: PollSpec; quotePostId?: string; replyToPostId?: string } {
  const quotePostId = refValue(kinds.quote);
  const replyToPostId = refValue(kinds.replyTo);
  return {
    ...(kinds.poll ? { poll: { options: [...kinds.poll.options], durationMinutes: kinds.poll.durationMinutes } } : {}),
    ...(quotePostId !== undefined ? { quotePostId } : {}),
    ...(replyToPostId !== undefined ? { replyToPostId } : {}),
  };
}

/** Whether the part's kinds differ from the saved part's, as the API would store them. */
export function kindsChanged(saved: Pick<PostPartView, 'poll' | 'quotePostId' | 'replyToPostId'>, kinds: PartKinds): boolean {
  const body = kindsBody(kinds);
  const poll = body.poll ?? null;
  const pollChanged =
    (poll === null) !== (saved.poll === null) ||
    (poll !== null && saved.poll !== null && (poll.durationMinutes !== saved.poll.durationMinutes || poll.options.join('\u0000') !== saved.poll.options.join('\u0000')));
  return pollChanged || (body.quotePostId ?? null) !== saved.quotePostId || (body.replyToPostId ?? null) !== saved.replyToPostId;
}

/** A poll's duration as the picker shows it. */
export interface PollDuration {
  days: number;
  hours: number;
  minutes: number;
}

export const splitDuration = (total: number): PollDuration => ({ days: Math.floor(total / 1440), hours: Math.floor((total % 1440) / 60), minutes: total % 60 });

/** Back to minutes, brought within X's 5 minutes to 7 days: 7 days and 3 hours becomes 7 days. */
export function joinDuration({ days, hours, minutes }: PollDuration): number {
  return Math.min(POLL_MAX_MINUTES, Math.max(POLL_MIN_MINUTES, days * 1440 + hours * 60 + minutes));
}

/** Who may reply, as the composer offers it; null is X's default, everyone. */
export const REPLY_SETTING_LABELS: Readonly<Record<ReplySetting, string>> = {
  following: 'People you follow',
  mentionedUsers: 'People you mention',
  verified: 'Verified accounts',
  subscribers: 'Your subscribers',
};

/** What changes a part's kinds, for the composer's reducer (./state). */
export type KindsAction =
  /** A new poll on a part without media or a quote (X's rule; the controls say why otherwise). */
  | { type: 'addPoll'; partKey: number }
  | { type: 'removePoll'; partKey: number }
  | { type: 'pollOption'; partKey: number; index: number; text: string }
  | { type: 'addPollOption'; partKey: number }
  | { type: 'removePollOption'; partKey: number; index: number }
  | { type: 'pollDuration'; partKey: number; minutes: number }
  /** The quote or reply field's text; null removes the quote or reply. */
  | { type: 'postRef'; partKey: number; field: 'quote' | 'replyTo'; value: string | null };

/**
 * A part's next kinds, or the same object when the action does not apply: X's rules (no poll
 * beside media or a quote) and the poll's 2 to 4 options.
 */
export function nextKinds(kinds: PartKinds, mediaCount: number, action: KindsAction): PartKinds {
  const poll = kinds.poll;
  switch (action.type) {
    case 'addPoll':
      return poll || kinds.quote !== null || mediaCount > 0 ? kinds : { ...kinds, poll: { ...NEW_POLL, options: [...NEW_POLL.options] } };
    case 'removePoll':
      return poll ? { ...kinds, poll: null } : kinds;
    case 'pollOption':
      return poll && action.index < poll.options.length ? { ...kinds, poll: { ...poll, options: poll.options.map((o, i) => (i === action.index ? action.text : o)) } } : kinds;
    case 'addPollOption':
      return poll && poll.options.length < POLL_MAX_OPTIONS ? { ...kinds, poll: { ...poll, options: [...poll.options, ''] } } : kinds;
    case 'removePollOption':
      return poll && poll.options.length > POLL_MIN_OPTIONS ? { ...kinds, poll: { ...poll, options: poll.options.filter((_, i) => i !== action.index) } } : kinds;
    case 'pollDuration':
      return poll ? { ...kinds, poll: { ...poll, durationMinutes: action.minutes } } : kinds;
    case 'postRef':
      // A quote beside a poll is refused the same way as a poll beside a quote.
      if (action.field === 'quote' && poll && action.value !== null) return kinds;
      return { ...kinds, [action.field]: action.value };
  }
}
