import type { MediaView } from '@/lib/media/view';
import type { PostView } from '@/lib/posts/view';
import type { ApiFailure } from '../api/client';
import { POLL_WITH_MEDIA_MESSAGE, type ReplySetting } from '@/lib/x/rules';
import { composerErrors, NO_ERRORS, withoutExtraError, withoutMediaError, withoutPartError, withoutReplySettingsError, type ComposerErrors, type ErrorLayout } from './errors';
import { fitFiles, itemsFromView, liveItems, type MediaItem } from './media-items';
import { kindsOfView, nextKinds, NO_KINDS, type KindsAction, type PartKinds } from './part-kinds';
import { mergeParts, mergeProblem, moveParts, splitParts, splitProblem } from './thread-ops';
import type { ComposerIntent } from './types';

/**
 * The composer's state and every way it changes, as a pure reducer: the dialog only renders it
 * and dispatches. Server calls and uploads live in ./use-composer and ./use-uploads.
 *
 * The composer writes one post per picked account (a group, side by side). Part keys are unique
 * across all of them, so an action on a part names only its key.
 */

export interface PartState {
  /** Local key, unique in the composer and stable while the part is on screen. */
  key: number;
  text: string;
  media: MediaItem[];
  /** Its poll, quoted post and reply target (./part-kinds). */
  kinds: PartKinds;
}

/** One account's post: a new one, or a saved one being edited (`saved`). */
export interface PostDraft {
  accountId: string;
  parts: PartState[];
  /** Who may reply on X; null: everyone. */
  replySettings: ReplySetting | null;
  saved: PostView | null;
}

export type ComposerBusy = ComposerIntent | 'cancel' | 'delete' | 'retry' | null;

export interface ComposerState {
  /** At least one; a new post with no account picked yet has one with accountId ''. */
  posts: PostDraft[];
  /** Posts of accounts un-picked while composing, by account: picking it again brings its text back. */
  stash: Record<string, PartState[]>;
  nextKey: number;
  /** The part whose text box should have the focus: the first on open, a new one when added. */
  focusKey: number | null;
  /** `datetime-local` value, a wall clock in the composer's zone. */
  when: string;
  /** The API's errors (and the composer's own), by field; parts and media by part key. */
  errors: ComposerErrors;
  /** Files refused before uploading (type, size, X's rule), by part key. */
  notices: Record<number, string[]>;
  busy: ComposerBusy;
}

/** A picked file that passed the type and size checks, with the item key it will have. */
export interface CheckedFile {
  key: string;
  file: File;
  name: string;
  kind: MediaItem['kind'];
  mimeType: string;
}

/** What an upload reports, by item key (./use-uploads). */
export type UploadEvent =
  | { type: 'uploadProgress'; key: string; progress: number }
  | { type: 'uploaded'; key: string; media: MediaView }
  | { type: 'uploadFailed'; key: string; error: string };

export type ComposerAction =
  /** The accounts picked for a new post, in the order to show them. */
  | { type: 'accounts'; accountIds: string[] }
  | { type: 'text'; partKey: number; text: string }
  /** A new last part for the post at `post` (an index into `posts`). */
  | { type: 'addPart'; post: number }
  | { type: 'removePart'; partKey: number }
  /** The part moved to index `to` in its post (./thread-ops says where it may go). */
  | { type: 'movePart'; partKey: number; to: number }
  /** The part replaced by one part per text (./split-thread): the first keeps its media and the rest of it. */
  | { type: 'splitPart'; partKey: number; texts: string[] }
  /** The post's parts collapsed into one with `text` (./split-thread's mergeThread) and all their media. */
  | { type: 'mergeThread'; post: number; text: string }
  | { type: 'when'; value: string }
  /** Files picked for a part: those X's rule leaves room for are attached, the rest refused with a reason. */
  | { type: 'attach'; partKey: number; files: CheckedFile[]; refused: string[] }
  | { type: 'detach'; partKey: number; itemKey: string }
  | { type: 'altText'; partKey: number; itemKey: string; altText: string }
  /** A part's poll, quote or reply target changes (./part-kinds). */
  | KindsAction
  | { type: 'replySettings'; post: number; value: ReplySetting | null }
  | UploadEvent
  /** A request starts: old errors go. */
  | { type: 'start'; busy: Exclude<ComposerBusy, null> }
  /** The API refused: everything typed stays, the errors go next to their fields. */
  | { type: 'refused'; failure: ApiFailure; layout: ErrorLayout }
  /** One post of several was saved: it is the saved version from now on. */
  | { type: 'savedOne'; post: PostView }
  | { type: 'settled' }
  /** A problem found before asking the API (no time picked). */
  | { type: 'invalid'; errors: Partial<ComposerErrors> }
  /** Starts over from `start` (an autosaved draft restored, or discarded): ./autosave. */
  | { type: 'reset'; start: ComposerStart; when: string };

/** One account's post as written before the composer opened (an autosaved draft, a duplicate). */
export interface DraftStart {
  accountId: string;
  saved: PostView | null;
  replySettings: ReplySetting | null;
  parts: Omit<PartState, 'key'>[];
}

/**
 * Where the composer starts: empty for an account, the saved posts of a group, or posts already
 * written (`drafts`: restored from ./autosave, or a duplicate).
 */
export type ComposerStart =
  | { kind: 'new'; accountId: string; parts?: Omit<PartState, 'key'>[] }
  | { kind: 'saved'; posts: PostView[] }
  | { kind: 'drafts'; posts: DraftStart[] };

function partsOf(post: PostView, firstKey: number): PartState[] {
  return post.parts.map((p, i) => ({
    key: firstKey + i,
    text: p.text,
    media: itemsFromView(p.media),
    kinds: kindsOfView(p),
  }));
}

export function initialState(start: ComposerStart, when: string): ComposerState {
  const base = { stash: {}, focusKey: 0, when, errors: NO_ERRORS, notices: {}, busy: null };
  if (start.kind === 'new') {
    const parts = start.parts && start.parts.length > 0 ? start.parts.map((p, key) => ({ ...p, key })) : [{ key: 0, text: '', media: [], kinds: NO_KINDS }];
    return { ...base, posts: [{ accountId: start.accountId, parts, replySettings: null, saved: null }], nextKey: parts.length };
  }
  let nextKey = 0;
  if (start.kind === 'drafts') {
    if (start.posts.length === 0) return initialState({ kind: 'new', accountId: '' }, when);
    const posts = start.posts.map((d): PostDraft => ({ accountId: d.accountId, saved: d.saved, replySettings: d.replySettings, parts: d.parts.map((p) => ({ ...p, key: nextKey++ })) }));
    return { ...base, posts, nextKey };
  }
  const posts = start.posts.map((saved): PostDraft => {
    const parts = partsOf(saved, nextKey);
    nextKey += parts.length;
    return { accountId: saved.accountId, parts, replySettings: saved.replySettings, saved };
  });
  return { ...base, posts, nextKey };
}

/** The post holding a part, and the part's index in it. */
export function locatePart(state: ComposerState, partKey: number): { post: number; index: number } | null {
  for (const [post, draft] of state.posts.entries()) {
    const index = draft.parts.findIndex((p) => p.key === partKey);
    if (index >= 0) return { post, index };
  }
  return null;
}

/** Changes the parts of the post holding `partKey`. */
function mapPartsOf(state: ComposerState, partKey: number, change: (parts: PartState[]) => PartState[]): PostDraft[] {
  return state.posts.map((d) => (d.parts.some((p) => p.key === partKey) ? { ...d, parts: change(d.parts) } : d));
}

function mapPart(state: ComposerState, partKey: number, change: (part: PartState) => PartState): PostDraft[] {
  return mapPartsOf(state, partKey, (parts) => parts.map((p) => (p.key === partKey ? change(p) : p)));
}

/** Changes one media item wherever it is (item keys are unique across parts). */
function mapItem(state: ComposerState, itemKey: string, change: (item: MediaItem) => MediaItem): ComposerState {
  const posts = state.posts.map((d) =>
    d.parts.some((p) => p.media.some((m) => m.key === itemKey))
      ? { ...d, parts: d.parts.map((p) => (p.media.some((m) => m.key === itemKey) ? { ...p, media: p.media.map((m) => (m.key === itemKey ? change(m) : m)) } : p)) }
      : d,
  );
  return { ...state, posts };
}

function attach(state: ComposerState, partKey: number, files: CheckedFile[], refused: string[]): ComposerState {
  const at = locatePart(state, partKey);
  const part = at ? state.posts[at.post]!.parts[at.index] : undefined;
  if (!part) return state;
  // The picker is disabled beside a poll; files dropped in anyway are refused, saying why.
  if (part.kinds.poll) return { ...state, notices: { ...state.notices, [partKey]: [...refused, ...files.map((f) => `${f.name}: ${POLL_WITH_MEDIA_MESSAGE}.`)] } };
  const fit = fitFiles(part.media, files);
  const items = fit.accepted.map(
    (f): MediaItem => ({ key: f.key, id: null, kind: f.kind, mimeType: f.mimeType, name: f.name, altText: '', status: 'uploading', file: f.file, progress: 0, error: null }),
  );
  return {
    ...state,
    posts: mapPart(state, partKey, (p) => ({ ...p, media: [...p.media, ...items] })),
    notices: { ...state.notices, [partKey]: [...refused, ...fit.refused] },
    errors: withoutMediaError(state.errors, partKey),
  };
}

/**
 * A newly picked account starts from a copy of the first post (its text to reword, its uploaded
 * media), or from what it had before it was un-picked.
 */
function pickAccounts(state: ComposerState, accountIds: string[]): ComposerState {
  const current = new Map(state.posts.filter((d) => d.accountId !== '').map((d) => [d.accountId, d]));
  const stash = { ...state.stash };
  for (const [accountId, draft] of current) if (!accountIds.includes(accountId)) stash[accountId] = draft.parts;
  const template = state.posts[0]!.parts;
  const replySettings = state.posts[0]!.replySettings;
  let nextKey = state.nextKey;
  const copy = (parts: PartState[]) =>
    parts.map((p) => ({ ...p, key: nextKey++, media: p.media.filter((m) => m.status === 'ready') }));
  const posts = accountIds.map((accountId, i): PostDraft => {
    const kept = current.get(accountId);
    if (kept) return kept;
    const stashed = stash[accountId];
    delete stash[accountId];
    // The first account keeps the parts on screen (their keys, uploads in flight and all).
    if (i === 0 && state.posts.length === 1 && !stashed && !accountIds.includes(state.posts[0]!.accountId)) {
      // Switching the only account moves its text along rather than keeping a copy behind.
      for (const [id, parts] of Object.entries(stash)) if (parts === template) delete stash[id];
      return { accountId, parts: template, replySettings, saved: null };
    }
    return { accountId, parts: stashed ?? copy(template), replySettings, saved: null };
  });
  // None picked: the text stays on screen, waiting for an account.
  if (posts.length === 0) return { ...state, posts: [{ accountId: '', parts: template, replySettings, saved: null }], stash, errors: { ...state.errors, accounts: [] } };
  return { ...state, posts, stash, nextKey, errors: { ...state.errors, accounts: [] } };
}

function partKinds(state: ComposerState, action: KindsAction): ComposerState {
  const at = locatePart(state, action.partKey);
  const part = at ? state.posts[at.post]!.parts[at.index] : undefined;
  if (!part) return state;
  const kinds = nextKinds(part.kinds, liveItems(part.media).length, action);
  if (kinds === part.kinds) return state;
  const field = action.type === 'postRef' ? (action.field === 'quote' ? 'quotePostId' : 'replyToPostId') : 'poll';
  return { ...state, posts: mapPart(state, action.partKey, (p) => ({ ...p, kinds })), errors: withoutExtraError(state.errors, action.partKey, field) };
}

export function composerReducer(state: ComposerState, action: ComposerAction): ComposerState {
  switch (action.type) {
    case 'accounts':
      return pickAccounts(state, action.accountIds);
    case 'text':
      return { ...state, posts: mapPart(state, action.partKey, (p) => ({ ...p, text: action.text })), errors: withoutPartError(state.errors, action.partKey) };
    case 'addPart': {
      const draft = state.posts[action.post];
      if (!draft) return state;
      const part: PartState = { key: state.nextKey, text: '', media: [], kinds: NO_KINDS };
      const posts = state.posts.map((d, i) => (i === action.post ? { ...d, parts: [...d.parts, part] } : d));
      return { ...state, posts, focusKey: part.key, nextKey: state.nextKey + 1 };
    }
    case 'removePart': {
      const at = locatePart(state, action.partKey);
      const parts = at ? state.posts[at.post]!.parts : [];
      if (!at || parts.length === 1) return state;
      // The focus goes to the part before (or the new first one), not back to the page.
      const neighbour = parts[at.index === 0 ? 1 : at.index - 1];
      return {
        ...state,
        posts: mapPartsOf(state, action.partKey, (list) => list.filter((p) => p.key !== action.partKey)),
        errors: withoutExtraError(withoutMediaError(withoutPartError(state.errors, action.partKey), action.partKey), action.partKey),
        focusKey: neighbour?.key ?? null,
      };
    }
    case 'movePart': {
      // The focus stays where it is: on the control that moved the part, inside the moved part.
      const at = locatePart(state, action.partKey);
      const moved = at ? moveParts(state.posts[at.post]!, at.index, action.to) : null;
      return moved ? { ...state, posts: mapPartsOf(state, action.partKey, () => moved) } : state;
    }
    case 'splitPart': {
      const at = locatePart(state, action.partKey);
      const draft = at ? state.posts[at.post] : undefined;
      if (!at || !draft || action.texts.length === 0 || splitProblem(draft, at.index, action.texts.length)) return state;
      return {
        ...state,
        posts: mapPartsOf(state, action.partKey, () => splitParts(draft, at.index, action.texts, state.nextKey, (key, text) => ({ key, text, media: [], kinds: NO_KINDS }))),
        nextKey: state.nextKey + action.texts.length - 1,
        errors: withoutPartError(state.errors, action.partKey),
      };
    }
    case 'mergeThread': {
      const draft = state.posts[action.post];
      if (!draft || mergeProblem(draft)) return state;
      const errors = draft.parts.reduce((e, p) => withoutMediaError(withoutPartError(e, p.key), p.key), state.errors);
      return { ...state, posts: state.posts.map((d, i) => (i === action.post ? { ...d, parts: mergeParts(draft, action.text) } : d)), errors };
    }
    case 'when':
      return { ...state, when: action.value, errors: { ...state.errors, scheduledAt: [] } };
    case 'attach':
      return attach(state, action.partKey, action.files, action.refused);
    case 'detach':
      return {
        ...state,
        posts: mapPart(state, action.partKey, (p) => ({ ...p, media: p.media.filter((m) => m.key !== action.itemKey) })),
        notices: { ...state.notices, [action.partKey]: [] },
        errors: withoutMediaError(state.errors, action.partKey),
      };
    case 'altText':
      return { ...mapItem(state, action.itemKey, (m) => ({ ...m, altText: action.altText })), errors: withoutMediaError(state.errors, action.partKey) };
    case 'addPoll':
    case 'removePoll':
    case 'pollOption':
    case 'addPollOption':
    case 'removePollOption':
    case 'pollDuration':
    case 'postRef':
      return partKinds(state, action);
    case 'replySettings': {
      const draft = state.posts[action.post];
      if (!draft) return state;
      const posts = state.posts.map((d, i) => (i === action.post ? { ...d, replySettings: action.value } : d));
      return { ...state, posts, errors: withoutReplySettingsError(state.errors, draft.parts[0]?.key) };
    }
    case 'uploadProgress':
      return mapItem(state, action.key, (m) => (m.status === 'uploading' ? { ...m, progress: action.progress } : m));
    case 'uploaded': {
      const { id, kind, mimeType } = action.media;
      return mapItem(state, action.key, (m) => ({ ...m, id, kind, mimeType, status: 'ready', file: null, progress: 1, error: null }));
    }
    case 'uploadFailed':
      return mapItem(state, action.key, (m) => ({ ...m, status: 'failed', file: null, error: action.error }));
    case 'start':
      return { ...state, busy: action.busy, errors: NO_ERRORS };
    case 'refused':
      return { ...state, busy: null, errors: composerErrors(action.failure, action.layout) };
    case 'savedOne':
      return { ...state, posts: state.posts.map((d) => (d.saved?.id === action.post.id ? { ...d, saved: action.post } : d)) };
    case 'settled':
      return { ...state, busy: null };
    case 'invalid':
      return { ...state, errors: { ...NO_ERRORS, ...action.errors } };
    case 'reset':
      return initialState(action.start, action.when);
  }
}
