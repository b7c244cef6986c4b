import type { ComposerState, DraftStart } from './state';

/**
 * Duplicate: every account's post as the composer shows it (its parts' text, uploaded media with
 * alt text, the other part fields as they are), as new posts. An uploaded file may be attached to
 * several posts, so media ids are reused; files still uploading or failed are left behind.
 */
export function copyOf(state: ComposerState): DraftStart[] {
  return state.posts.map((d) => ({
    accountId: d.accountId,
    saved: null,
    replySettings: d.replySettings,
    parts: d.parts.map(({ key: _key, ...part }) => ({ ...part, media: part.media.filter((m) => m.status === 'ready' && m.id !== null).map((m) => ({ ...m })) })),
  }));
}
