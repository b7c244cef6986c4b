import type { MediaKind } from '../x/rules';

/** What the API answers for an uploaded file. */
export interface MediaView {
  id: string;
  kind: MediaKind;
  mimeType: string;
  /** Bytes. */
  size: number;
}
