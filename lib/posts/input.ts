import { z } from 'zod';
import { config } from '../config';
import { text } from '../validation';
import {
  ALT_TEXT_MAX_LENGTH,
  MAX_IMAGES_PER_PART,
  MAX_THREAD_PARTS,
  POLL_MAX_OPTIONS,
  POLL_OPTION_MAX_LENGTH,
  POST_REF_MESSAGE,
  REPLY_SETTINGS,
  X_MAX_TEXT_UNITS,
  X_PREMIUM_MAX_WEIGHTED_LENGTH,
  parsePostRef,
  partKindProblem,
  pollProblems,
} from '../x/rules';
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

/** A post's id or its link on X (x.com, twitter.com): the id it names. */
const postRef = z
  .string(POST_REF_MESSAGE)
  .transform((value, ctx) => {
    const id = parsePostRef(value);
    if (id === null) ctx.addIssue({ code: 'custom', message: POST_REF_MESSAGE });
    return id ?? '';
  });

/** X's poll limits (lib/x/rules), each problem on the field it is about. */
const poll = z
  .strictObject({
    // A few more than X takes, so that "2 to 4 options" is said by the rule below, not by a cap.
    options: z
      .array(text(POLL_OPTION_MAX_LENGTH * 8, `An option has at most ${POLL_OPTION_MAX_LENGTH} characters`).trim())
      .max(POLL_MAX_OPTIONS * 4, 'A poll has 2 to 4 options'),
    durationMinutes: z.number('The poll duration is a number of minutes'),
  })
  .superRefine((value, ctx) => {
    for (const { path, message } of pollProblems(value)) ctx.addIssue({ code: 'custom', path, message });
  });

const part = z
  .strictObject({
    text: partText,
    media: partMediaList.optional(),
    poll: poll.optional(),
    /** The post this part quotes. */
    quotePostId: postRef.optional(),
    /** The existing post the thread answers: on the first part only (the others answer the part before). */
    replyToPostId: postRef.optional(),
  })
  .superRefine((value, ctx) => {
    const problem = partKindProblem({ poll: value.poll, quotePostId: value.quotePostId, mediaCount: value.media?.length ?? 0 });
    if (problem) ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.message });
  });

export type PartInput = z.infer<typeof part>;

const parts = z
  .array(part)
  .min(1, 'A post needs at least one part')
  .max(MAX_THREAD_PARTS, `A thread has at most ${MAX_THREAD_PARTS} parts`)
  .superRefine((list, ctx) => {
    // The most any account may post (X Premium); the account's own limit is checked where it is loaded (commands).
    for (const [index, message] of partTextProblems(list, X_PREMIUM_MAX_WEIGHTED_LENGTH)) ctx.addIssue({ code: 'custom', path: [index, 'text'], message });
    for (const [index, p] of list.entries()) {
      if (index > 0 && p.replyToPostId !== undefined) {
        ctx.addIssue({ code: 'custom', path: [index, 'replyToPostId'], message: 'Only the first part can reply to another post; the others reply to the part before' });
      }
    }
  });

/** Who may reply (X's reply_settings); null or absent: everyone. */
const replySettings = z.enum(REPLY_SETTINGS, `Must be one of ${REPLY_SETTINGS.join(', ')} (leave it out for everyone)`).nullable();

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
    replySettings: replySettings.optional(),
    scheduledAt: futureTime.optional(),
    publishNow: z.boolean().optional(),
    /** Take the account's next free slot in its posting queue (lib/schedules) instead of a time. */
    queue: z.boolean().optional(),
  })
  .refine((v) => !(v.publishNow && v.scheduledAt), { message: 'Give scheduledAt or publishNow, not both', path: ['publishNow'] })
  .refine((v) => !(v.queue && (v.scheduledAt || v.publishNow)), { message: 'Add to the queue, or give scheduledAt or publishNow, not both', path: ['queue'] });
export type CreatePostInput = z.infer<typeof createPostInput>;

export const updatePostInput = z
  .strictObject({
    parts: parts.optional(),
    /** null: everyone may reply again. */
    replySettings: replySettings.optional(),
    /** null takes the post off the schedule (back to draft). */
    scheduledAt: futureTime.nullable().optional(),
    publishNow: z.literal(true).optional(),
    status: z.literal('cancelled').optional(),
    /** Put the post in its account's next free queue slot (from a draft, or to move it into the queue). */
    queue: z.literal(true).optional(),
  })
  .refine((v) => !(v.queue && (v.scheduledAt !== undefined || v.publishNow || v.status)), {
    message: 'Add to the queue, or give scheduledAt, publishNow or status, not both',
    path: ['queue'],
  })
  .refine((v) => [v.scheduledAt !== undefined, v.publishNow, v.status].filter(Boolean).length <= 1, {
    message: 'Give at most one of scheduledAt, publishNow and status',
    path: ['_'],
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), { message: 'Nothing to change', path: ['_'] });
export type UpdatePostInput = z.infer<typeof updatePostInput>;

const statuses = ['draft', 'scheduled', 'queued', 'publishing', 'published', 'failed', 'cancelled'] as const;

/** The most posts one page of `GET /api/v1/posts` holds; a calendar range pages on with `nextCursor`. */
export const POSTS_PAGE_MAX = 200;
export const POSTS_PAGE_DEFAULT = 50;
/** A filter naming more accounts than this is refused rather than run (a user has far fewer). */
const ACCOUNT_FILTER_MAX = 50;

/**
 * "a,b,c": each item trimmed, empty items dropped. A list left empty (`status=`) is no filter, as
 * the client omits empty values: matching nothing would turn "none picked" into an empty answer.
 */
const commaList = <T extends z.ZodType<unknown, string>>(item: T, max?: { items: number; message: string }) =>
  z
    .string()
    .max(4_000)
    .transform((v) => v.split(',').map((s) => s.trim()).filter((s) => s !== ''))
    .pipe(max ? z.array(item).max(max.items, max.message) : z.array(item))
    .transform((list) => (list.length > 0 ? list : undefined));

export const listPostsInput = z.strictObject({
  from: z.iso.datetime({ offset: true }).transform((v) => new Date(v)).optional(),
  to: z.iso.datetime({ offset: true }).transform((v) => new Date(v)).optional(),
  status: commaList(z.enum(statuses)).optional(),
  account: commaList(z.uuid('Unknown account'), { items: ACCOUNT_FILTER_MAX, message: `At most ${ACCOUNT_FILTER_MAX} accounts` }).optional(),
  /** Words to find in any part's text, case-insensitive. */
  q: z.string().trim().max(200, 'Search for at most 200 characters').optional(),
  /** By time (posts without one last); `desc`: latest first (posts without one first). */
  order: z.enum(['asc', 'desc'], 'Must be asc or desc').optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number('Must be a number').int('Must be a whole number').min(1).max(POSTS_PAGE_MAX, `At most ${POSTS_PAGE_MAX} per page`).optional(),
});
export type ListPostsInput = z.infer<typeof listPostsInput>;
