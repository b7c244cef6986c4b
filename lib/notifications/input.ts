import { z } from 'zod';

export const NOTIFICATIONS_PAGE_SIZE = 20;
export const NOTIFICATIONS_MAX_PAGE = 100;
/** Ids one "mark as read" names at most. */
export const MARK_READ_MAX_IDS = 100;

/** `GET /api/v1/notifications?cursor=&limit=` */
export const listNotificationsQuery = z.strictObject({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(NOTIFICATIONS_MAX_PAGE).optional(),
});

/** `POST /api/v1/notifications/read`: some ids, or all of them; not both, not neither. */
export const markReadInput = z
  .strictObject({
    ids: z.array(z.uuid()).min(1).max(MARK_READ_MAX_IDS).optional(),
    all: z.literal(true).optional(),
  })
  .refine((v) => (v.ids === undefined) !== (v.all === undefined), { message: 'Give either ids or all: true', path: ['ids'] });
export type MarkReadInput = z.output<typeof markReadInput>;

/** An address notification emails go to; empty clears it. */
export const notificationEmailInput = z.strictObject({
  email: z.union([z.literal(''), z.email('Enter an email address, e.g. you@example.com').max(254)]).transform((v) => (v === '' ? null : v)),
});
