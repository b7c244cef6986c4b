import { z } from 'zod';

/**
 * Text Postgres cannot store (NUL) or that is not Unicode (a surrogate without its pair): refused
 * at the edge with a 400 rather than failing later inside a query, whose error carries the text.
 */
const NUL = /\u0000/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function characterProblem(text: string): string | null {
  if (NUL.test(text)) return 'Contains a NUL character (\\u0000), which cannot be stored';
  if (LONE_SURROGATE.test(text)) return 'Contains a broken character (an unpaired UTF-16 surrogate)';
  return null;
}

/**
 * A string every text input goes through: at most `max` UTF-16 units (checked first, and nothing
 * else is looked at beyond it), and no NUL or lone surrogate.
 */
export function text(max: number, tooLong: string) {
  return z
    .string()
    .max(max, { message: tooLong, abort: true })
    .superRefine((value, ctx) => {
      const problem = characterProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });
}
