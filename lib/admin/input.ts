import { z } from 'zod';
import { failureClass } from '../db/schema';

/** Users' ids are Auth.js's (uuids in practice): a short token of safe characters, whatever its exact form. */
const userId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'Unknown user');

/** The failed-posts list's filter; every field optional and null-able, nothing else allowed. */
export const adminFilterInput = z.strictObject({
  accountId: z.uuid().nullable().default(null),
  userId: userId.nullable().default(null),
  errorClass: z.enum(failureClass.enumValues).nullable().default(null),
});

/** The list's query string: the filter (empty means not filtered) and the page's cursor. */
export const failedListQuery = z.strictObject({
  accountId: z.union([z.literal(''), z.uuid()]).optional(),
  userId: z.union([z.literal(''), userId]).optional(),
  errorClass: z.union([z.literal(''), z.enum(failureClass.enumValues)]).optional(),
  cursor: z.string().max(200).optional(),
});

/** Turns the list's query string into a filter (an empty field filters nothing). */
export function filterOf(query: z.output<typeof failedListQuery>) {
  return { accountId: query.accountId || null, userId: query.userId || null, errorClass: query.errorClass || null };
}

/** The most posts one action may name: a page of the list is 50. */
export const MAX_SELECTED = 100;

export const pauseInput = z.strictObject({ paused: z.boolean() });

/** Retry or cancel the posts named, or retry every post matching the filter (bounded: lib/admin/bulk). */
export const bulkInput = z.discriminatedUnion('action', [
  z.strictObject({ action: z.enum(['retry', 'cancel']), postIds: z.array(z.uuid()).min(1).max(MAX_SELECTED) }),
  z.strictObject({ action: z.literal('retry_matching'), filter: adminFilterInput }),
]);
export type BulkInput = z.output<typeof bulkInput>;

export const auditListQuery = z.strictObject({ cursor: z.string().max(200).optional() });
