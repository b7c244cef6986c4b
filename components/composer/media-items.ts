import { MEDIA_TYPES_TEXT, mediaRuleProblem, roomFor, sizeProblem, type MediaKind } from '@/lib/x/rules';
import { SNIFF_BYTES, sniffType } from '@/lib/media/sniff';
import type { PartMediaView } from '@/lib/posts/view';
import type { PartMediaValue } from './bodies';

/** One attachment in the composer, from pick to upload (or failure). */
export interface MediaItem {
  /** Local key: stable while the item is on screen. */
  key: string;
  /** The uploaded file's id; null until the upload finished. */
  id: string | null;
  kind: MediaKind;
  mimeType: string;
  /** The picked file's name; for a saved post, a description of the kind. */
  name: string;
  altText: string;
  status: 'uploading' | 'ready' | 'failed';
  /** The file to send while uploading (./use-uploads); null once uploaded, and for saved media. */
  file: File | null;
  /** 0..1 while uploading. */
  progress: number;
  error: string | null;
}

let counter = 0;
export const newItemKey = () => `m${Date.now().toString(36)}${counter++}`;

const KIND_LABEL: Record<MediaKind, string> = { image: 'Image', gif: 'GIF', video: 'Video' };

export function itemsFromView(media: PartMediaView[]): MediaItem[] {
  return media.map((m) => ({
    key: newItemKey(),
    id: m.id,
    kind: m.kind,
    mimeType: m.mimeType,
    name: `${KIND_LABEL[m.kind]} (${m.mimeType.split('/')[1]?.toUpperCase() ?? m.mimeType})`,
    altText: m.altText ?? '',
    status: 'ready',
    file: null,
    progress: 1,
    error: null,
  }));
}

/** Items that count toward X's rule: everything not failed. */
export const liveItems = (items: MediaItem[]) => items.filter((m) => m.status !== 'failed');

/** What the API gets: uploaded items only. */
export function mediaValues(items: MediaItem[]): PartMediaValue[] {
  return items.flatMap((m) => (m.status === 'ready' && m.id ? [{ id: m.id, altText: m.altText }] : []));
}

/** Why more files cannot be added to a part with these items, or null. */
export function addBlockedReason(items: MediaItem[]): string | null {
  return roomFor(liveItems(items).map((m) => m.kind)).reason;
}

export type FileCheck = { ok: true; kind: MediaKind; mimeType: string } | { ok: false; error: string };

/** Reads the file's first bytes in the browser: the same checks the server makes, before uploading. */
export async function checkFile(file: File): Promise<FileCheck> {
  const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
  const type = await sniffType(head);
  if (!type) return { ok: false, error: `${file.name}: unsupported file type. Herald takes ${MEDIA_TYPES_TEXT}.` };
  const tooBig = sizeProblem(type.kind, file.size);
  if (tooBig) return { ok: false, error: `${file.name}: ${tooBig}` };
  return { ok: true, ...type };
}

/**
 * Which picked files fit next to the part's items under X's rule (≤ 4 images, or 1 GIF, or
 * 1 video), in the order picked; the others come back with the reason.
 */
export function fitFiles<T extends { kind: MediaKind; name: string }>(items: MediaItem[], picked: T[]): { accepted: T[]; refused: string[] } {
  const kinds = liveItems(items).map((m) => m.kind);
  const accepted: T[] = [];
  const refused: string[] = [];
  for (const file of picked) {
    const problem = mediaRuleProblem([...kinds, file.kind]);
    if (problem) refused.push(`${file.name}: not added. ${problem}`);
    else {
      kinds.push(file.kind);
      accepted.push(file);
    }
  }
  return { accepted, refused };
}
