import type { MediaKind, PollSpec, ReplySetting } from '@/lib/x/rules';

/** The account the post goes out from, as X shows it above the text. */
export interface PreviewAccount {
  name: string;
  username: string;
  avatarUrl: string | null;
}

export interface PreviewMedia {
  key: string;
  kind: MediaKind;
  /** An image's URL or object URL, a video's object URL; null while there is nothing to draw (a neutral tile shows). */
  src: string | null;
  altText: string;
}

/** One post of the thread (or the only one). */
export interface PreviewPart {
  key: number | string;
  text: string;
  media: PreviewMedia[];
  poll: PollSpec | null;
  quotePostId: string | null;
}

export type PreviewTheme = 'light' | 'dark';

export interface PostPreviewProps {
  account: PreviewAccount;
  /** In order; one part is a single post, more are a thread. */
  parts: PreviewPart[];
  /** The post the first part replies to. */
  replyToPostId: string | null;
  /** Who may reply; null is everyone (X shows no note then). */
  replySettings: ReplySetting | null;
  theme: PreviewTheme;
}
