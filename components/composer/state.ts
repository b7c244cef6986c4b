import type { MediaView } from '@/lib/media/view';
import type { PostView } from '@/lib/posts/view';
import type { ApiFailure } from '../api/client';
import { composerErrors, NO_ERRORS, withoutMediaError, withoutPart, withoutPartError, type ComposerErrors } from './errors';
import { fitFiles, itemsFromView, type MediaItem } from './media-items';
import type { ComposerIntent, KeptPartFields } from './types';

/**
 * The composer's state and every way it changes, as a pure reducer: the dialog only renders it
 * and dispatches. Server calls and uploads live in ./use-composer and ./use-uploads.
 */

export interface PartState {
  /** Local key, stable while the part is on screen (indexes shift when a part is removed). */
  key: number;
  text: string;
  media: MediaItem[];
  /** What the composer cannot edit yet (poll, quote, reply target), kept as saved so an edit never drops it. */
  kept: KeptPartFields;
}

const NOTHING_KEPT: KeptPartFields = { poll: null, quotePostId: null, replyToPostId: null };

export type ComposerBusy = ComposerIntent | 'cancel' | 'delete' | 'retry' | null;

export interface ComposerState {
  accountId: string;
  parts: PartState[];
  nextKey: number;
  /** The part whose text box should have the focus: the first on open, a new one when added. */
  focusKey: number | null;
  /** `datetime-local` value, a wall clock in the composer's zone. */
  when: string;
  /** The API's errors (and the composer's own), by field; parts and media by part index. */
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
  | { type: 'account'; accountId: string }
  | { type: 'text'; index: number; text: string }
  | { type: 'addPart' }
  | { type: 'removePart'; index: number }
  | { type: 'when'; value: string }
  /** Files picked for a part: those X's rule leaves room for are attached, the rest refused with a reason. */
  | { type: 'attach'; partKey: number; files: CheckedFile[]; refused: string[] }
  | { type: 'detach'; partKey: number; itemKey: string }
  | { type: 'altText'; partKey: number; itemKey: string; altText: string }
  | UploadEvent
  /** A request starts: old errors go. */
  | { type: 'start'; busy: Exclude<ComposerBusy, null> }
  /** The API refused: everything typed stays, the errors go next to their fields. */
  | { type: 'refused'; failure: ApiFailure }
  | { type: 'settled' }
  /** A problem found before asking the API (no time picked). */
  | { type: 'invalid'; errors: Partial<ComposerErrors> };

export function initialState(post: PostView | null, accountId: string, when: string): ComposerState {
  return {
    accountId,
    parts: post ? post.parts.map((p, i) => ({ key: i, text: p.text, media: itemsFromView(p.media), kept: { poll: p.poll, quotePostId: p.quotePostId, replyToPostId: p.replyToPostId } }))
      : [{ key: 0, text: '', media: [], kept: NOTHING_KEPT }],
    nextKey: post ? post.parts.length : 1,
    focusKey: 0,
    when,
    errors: NO_ERRORS,
    notices: {},
    busy: null,
  };
}

const partIndex = (state: ComposerState, partKey: number) => state.parts.findIndex((p) => p.key === partKey);

function mapPart(state: ComposerState, partKey: number, change: (part: PartState) => PartState): PartState[] {
  return state.parts.map((p) => (p.key === partKey ? change(p) : p));
}

/** Changes one media item wherever it is (item keys are unique across parts). */
function mapItem(state: ComposerState, itemKey: string, change: (item: MediaItem) => MediaItem): ComposerState {
  return { ...state, parts: state.parts.map((p) => (p.media.some((m) => m.key === itemKey) ? { ...p, media: p.media.map((m) => (m.key === itemKey ? change(m) : m)) } : p)) };
}

function attach(state: ComposerState, partKey: number, files: CheckedFile[], refused: string[]): ComposerState {
  const index = partIndex(state, partKey);
  const part = state.parts[index];
  if (!part) return state;
  const fit = fitFiles(part.media, files);
  const items = fit.accepted.map(
    (f): MediaItem => ({ key: f.key, id: null, kind: f.kind, mimeType: f.mimeType, name: f.name, altText: '', status: 'uploading', file: f.file, progress: 0, error: null }),
  );
  return {
    ...state,
    parts: mapPart(state, partKey, (p) => ({ ...p, media: [...p.media, ...items] })),
    notices: { ...state.notices, [partKey]: [...refused, ...fit.refused] },
    errors: withoutMediaError(state.errors, index),
  };
}

export function composerReducer(state: ComposerState, action: ComposerAction): ComposerState {
  switch (action.type) {
    case 'account':
      return { ...state, accountId: action.accountId, errors: { ...state.errors, accountId: [] } };
    case 'text':
      return { ...state, parts: state.parts.map((p, i) => (i === action.index ? { ...p, text: action.text } : p)), errors: withoutPartError(state.errors, action.index) };
    case 'addPart':
      return { ...state, parts: [...state.parts, { key: state.nextKey, text: '', media: [], kept: NOTHING_KEPT }], focusKey: state.nextKey, nextKey: state.nextKey + 1 };
    case 'removePart': {
      if (!state.parts[action.index] || state.parts.length === 1) return state;
      // The focus goes to the part before (or the new first one), not back to the page.
      const neighbour = state.parts[action.index === 0 ? 1 : action.index - 1];
      return { ...state, parts: state.parts.filter((_, i) => i !== action.index), errors: withoutPart(state.errors, action.index), focusKey: neighbour?.key ?? null };
    }
    case 'when':
      return { ...state, when: action.value, errors: { ...state.errors, scheduledAt: [] } };
    case 'attach':
      return attach(state, action.partKey, action.files, action.refused);
    case 'detach':
      return {
        ...state,
        parts: mapPart(state, action.partKey, (p) => ({ ...p, media: p.media.filter((m) => m.key !== action.itemKey) })),
        notices: { ...state.notices, [action.partKey]: [] },
        errors: withoutMediaError(state.errors, partIndex(state, action.partKey)),
      };
    case 'altText':
      return { ...mapItem(state, action.itemKey, (m) => ({ ...m, altText: action.altText })), errors: withoutMediaError(state.errors, partIndex(state, action.partKey)) };
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
      return { ...state, busy: null, errors: composerErrors(action.failure) };
    case 'settled':
      return { ...state, busy: null };
    case 'invalid':
      return { ...state, errors: { ...NO_ERRORS, ...action.errors } };
  }
}
