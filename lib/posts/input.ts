import { z } from 'zod';
import { textProblem } from '../x/text';
import { MAX_THREAD_PARTS } from './limits';

/** A time this far in the past still counts as "now" (clock skew, slow forms). */
const PAST_GRACE_MS = 60_000;

const part = z.object({
  text: z.string().superRefine((text, ctx) => {
    const problem = textProblem(text);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
});

const parts = z.array(part).min(1, 'A post needs at least one part').max(MAX_THREAD_PARTS, `A thread has at most ${MAX_THREAD_PARTS} parts`);

const futureTime = z.iso
  .datetime({ offset: true, message: 'Must be an ISO 8601 date-time with a time zone, e.g. 2026-12-01T09:30:00Z' })
  .transform((v) => new Date(v))
  .refine((d) => d.getTime() >= Date.now() - PAST_GRACE_MS, 'Must be in the future');

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

export const listPostsInput = z.object({
  from: z.iso.datetime({ offset: true }).transform((v) => new Date(v)).optional(),
  to: z.iso.datetime({ offset: true }).transform((v) => new Date(v)).optional(),
  status: z
    .string()
    .transform((v) => v.split(',').map((s) => s.trim()))
    .pipe(z.array(z.enum(statuses)))
    .optional(),
});
export type ListPostsInput = z.infer<typeof listPostsInput>;
