'use client';

import * as api from '../api/client';
import type { MediaItem } from './media-items';
import { postRefState } from './part-kinds';
import { PostPreview } from './preview/post-preview';
import type { PreviewMedia, PreviewPart, PreviewTheme } from './preview/types';
import type { PartState } from './state';
import type { DraftView } from './use-composer';

/** The post a quote or reply field names, once it names one. */
function postRefId(raw: string | null): string | null {
  const state = postRefState(raw);
  return state.kind === 'id' ? state.id : null;
}

/** Uploaded files are drawn from Herald's API; one still uploading (or failed) is a neutral tile. */
function previewMedia(items: MediaItem[]): PreviewMedia[] {
  return items.filter((m) => m.status !== 'failed').map((m) => ({ key: m.key, kind: m.kind, src: m.id ? api.media.url(m.id) : null, altText: m.altText }));
}

function previewPart(part: PartState): PreviewPart {
  return { key: part.key, text: part.text, media: previewMedia(part.media), poll: part.kinds.poll, quotePostId: postRefId(part.kinds.quote) };
}

/** One account's post as X will show it, from what is in the composer right now. */
export function DraftPreview({ view, theme }: { view: DraftView; theme: PreviewTheme }) {
  const { draft, account } = view;
  const username = account?.username ?? draft.saved?.accountUsername ?? 'you';
  return (
    <PostPreview
      account={{ name: account?.name ?? username, username, avatarUrl: account?.avatarUrl ?? null }}
      parts={draft.parts.map(previewPart)}
      replyToPostId={postRefId(draft.parts[0]?.kinds.replyTo ?? null)}
      replySettings={draft.replySettings}
      theme={theme}
    />
  );
}
