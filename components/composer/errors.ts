import type { ApiFailure } from '../api/client';

/** API errors placed next to the field they are about, the rest shown as an alert. */
export interface ComposerErrors {
  general: string[];
  accountId: string[];
  scheduledAt: string[];
  /** By part index. */
  parts: Record<number, string[]>;
  /** A part's media (`parts.N.media`, an item's alt text), by part index. */
  media: Record<number, string[]>;
}

export const NO_ERRORS: ComposerErrors = { general: [], accountId: [], scheduledAt: [], parts: {}, media: {} };

const PART_TEXT = /^parts\.(\d+)(?:\.text)?$/;
const PART_MEDIA = /^parts\.(\d+)\.media(?:\.\d+(?:\.[A-Za-z]+)?)?$/;

/** Maps the API's `fields` keys (`parts.0.text`, `scheduledAt`, `accountId`, ...) to the composer's fields. */
export function composerErrors(failure: ApiFailure): ComposerErrors {
  const out: ComposerErrors = { general: [], accountId: [], scheduledAt: [], parts: {}, media: {} };
  const keys = Object.keys(failure.fields);
  if (keys.length === 0) {
    out.general.push(failure.error);
    return out;
  }
  for (const [key, messages] of Object.entries(failure.fields)) {
    const part = PART_TEXT.exec(key);
    const media = PART_MEDIA.exec(key);
    if (part) {
      const index = Number(part[1]);
      out.parts[index] = [...(out.parts[index] ?? []), ...messages];
    } else if (media) {
      const index = Number(media[1]);
      out.media[index] = [...(out.media[index] ?? []), ...messages];
    } else if (key === 'scheduledAt') out.scheduledAt.push(...messages);
    else if (key === 'accountId') out.accountId.push(...messages);
    // "parts" (too many, none), "publishNow", "_" and anything new: not tied to one input.
    else out.general.push(...messages);
  }
  return out;
}

export function hasErrors(errors: ComposerErrors): boolean {
  return errors.general.length + errors.accountId.length + errors.scheduledAt.length + Object.keys(errors.parts).length + Object.keys(errors.media).length > 0;
}

function shifted(byPart: Record<number, string[]>, removed: number): Record<number, string[]> {
  const out: Record<number, string[]> = {};
  for (const [key, messages] of Object.entries(byPart)) {
    const index = Number(key);
    if (index < removed) out[index] = messages;
    else if (index > removed) out[index - 1] = messages;
  }
  return out;
}

/** Removing a part shifts the indexes of the parts after it: move their errors along. */
export function withoutPart(errors: ComposerErrors, removed: number): ComposerErrors {
  return { ...errors, parts: shifted(errors.parts, removed), media: shifted(errors.media, removed) };
}

export function withoutPartError(errors: ComposerErrors, index: number): ComposerErrors {
  if (!errors.parts[index]) return errors;
  const parts = { ...errors.parts };
  delete parts[index];
  return { ...errors, parts };
}

export function withoutMediaError(errors: ComposerErrors, index: number): ComposerErrors {
  if (!errors.media[index]) return errors;
  const media = { ...errors.media };
  delete media[index];
  return { ...errors, media };
}
