import type { Tx } from '../db';
import type { PartMedia } from '../db/schema';
import { AppError, type FieldErrors } from '../errors';
import { takeOwnMedia } from '../media/queries';
import { mediaRuleProblem } from '../x/rules';
import type { PartInput } from './input';

/**
 * The parts' media as stored on post_parts, after checking that every file is the user's own
 * and that each part follows X's rule (≤ 4 images, or 1 GIF, or 1 video). Errors name the
 * part: `parts.N.media`.
 */
export async function checkedPartMedia(tx: Tx, userId: string, parts: readonly PartInput[]): Promise<PartMedia[][]> {
  const owned = await takeOwnMedia(
    tx,
    userId,
    parts.flatMap((p) => (p.media ?? []).map((m) => m.id)),
  );
  const fields: FieldErrors = {};
  const stored = parts.map((part, index) => {
    const list = part.media ?? [];
    const missing = list.filter((m) => !owned.has(m.id));
    if (missing.length > 0) {
      fields[`parts.${index}.media`] = ['Unknown media: upload the file again.'];
      return [];
    }
    const problem = mediaRuleProblem(list.map((m) => owned.get(m.id)!.kind));
    if (problem) fields[`parts.${index}.media`] = [problem];
    return list.map((m): PartMedia => (m.altText ? { mediaId: m.id, altText: m.altText } : { mediaId: m.id }));
  });
  if (Object.keys(fields).length > 0) throw new AppError(400, 'Invalid input', fields);
  return stored;
}
