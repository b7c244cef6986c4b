import type { MediaKind } from './limits';

/** What the API answers for an uploaded file. */
export interface MediaView {
  id: string;
  kind: MediaKind;
  mimeType: string;
  /** Bytes. */
  size: number;
}
