import { z } from 'zod';
import { config } from '../config';
import { text } from '../validation';
import { ALT_TEXT_MAX_LENGTH, MAX_IMAGES_PER_PART, MAX_THREAD_PARTS, X_MAX_TEXT_UNITS, X_PREMIUM_MAX_WEIGHTED_LENGTH } from '../x/rules';
import { partTextProblems } from './text';

/** A time this far in the past still counts as "now" (clock skew, slow forms). */
const PAST_GRACE_MS = 60_000;

const partMedia = z.strictObject({
  id: z.uuid('Unknown media'),
  altText: text(ALT_TEXT_MAX_LENGTH, `Alt text has at most ${ALT_TEXT_MAX_LENGTH} characters`)
    .trim()
    .optional()
    .transform((v) => (v === '' ? undefined : v)),
});

/**
 * Media of one part: at most 4 here; which kinds may go together (4 images, or 1 GIF, or 1
 * video) needs the files' kinds, checked with lib/media/rules when the post is saved.
 */
const partMediaList = z
  .array(partMedia)
  .max(MAX_IMAGES_PER_PART, `A post can have at most ${MAX_IMAGES_PER_PART} images, or 1 GIF, or 1 video`)
  .refine((list) => new Set(list.map((m) => m.id)).size === list.length, 'The same file is attached twice');

/** Cheap checks only; X's weighted length is counted for all parts at once, within a budget (below). */
const partText = text(X_MAX_TEXT_UNITS, `Post text is longer than X accepts from any account (${X_MAX_TEXT_UNITS.toLocaleString('en')} characters)`).refine(
  (value) => value.trim() !== '',
  'Post text is empty',
);

const part = z.strictObject({
  text: partText,
  media: partMediaList.optional(),
});

export type PartInput = z.infer<typeof part>;

const parts = z
  .array(part)
  .min(1, 'A post needs at least one part')
  .max(MAX_THREAD_PARTS, `A thread has at most ${MAX_THREAD_PARTS} parts`)
  .superRefine((list, ctx) => {
    // The most any account may post (X Premium); the account's own limit is checked where it is loaded (commands).
    for (const [index, message] of partTextProblems(list, X_PREMIUM_MAX_WEIGHTED_LENGTH)) ctx.addIssue({ code: 'custom', path: [index, 'text'], message });
  });

const DAY_MS = 24 * 3600_000;

const futureTime = z.iso
  .datetime({ offset: true, message: 'Must be an ISO 8601 date-time with a time zone, e.g. 2026-12-01T09:30:00Z' })
  .transform((v) => new Date(v))
  .refine((d) => d.getTime() >= Date.now() - PAST_GRACE_MS, 'Must be in the future')
  .superRefine((d, ctx) => {
    const days = config().scheduleHorizonDays;
    if (d.getTime() > Date.now() + days * DAY_MS) {
      ctx.addIssue({ code: 'custom', message: `Must be within ${horizonText(days)} from now` });
    }
  });

function horizonText(days: number): string {
  if (days % 365 === 0) return days === 365 ? '1 year' : `${days / 365} years`;
  return days === 1 ? '1 day' : `${days} days`;
}

export const createPostInput = z
  .strictObject({
    accountId: z.uuid('Unknown account'),
    parts,
    scheduledAt: futureTime.optional(),
    publishNow: z.boolean().optional(),
  })
  .refine((v) => !(v.publishNow && v.scheduledAt), { message: 'Give scheduledAt or publishNow, not both', path: ['publishNow'] });
export type CreatePostInput = z.infer<typeof createPostInput>;

export const updatePostInput = z
  .strictObject({
    parts: parts.optional(),
    /** null takes the post off the schedule (back to draft). */
    scheduledAt: futureTime.nullable().optional(),
    publishNow: z.literal(true).optional(),
    status: z.literal('cancelled').optional(),
  })
  .refine((v) => [v.scheduledAt !== undefined, v.publishNow, v.status].filter(Boolean).length <= 1, {
    message: 'Give at most one of scheduledAt, publishNow and status',
    path: ['_'],
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: 'Nothing to change', path: ['_'] });
export type UpdatePostInput = z.infer<typeof updatePostInput>;

const statuses = ['draft', 'scheduled', 'queued', 'publishing', 'published', 'failed', 'cancelled'] as const;

export const listPostsInput = z.strictObject({
  from: z.iso.datetime({ offset: true }).transform((v) => new Date(v)).optional(),
  to: z.iso.datetime({ offset: true }).transform((v) => new Date(v)).optional(),
  status: z
    .string()
    .transform((v) => v.split(',').map((s) => s.trim()))
    .pipe(z.array(z.enum(statuses)))
    .optional(),
});
export type ListPostsInput = z.infer<typeof listPostsInput>;
