/**
 * The admin console's calls to /api/v1/admin (the server checks admin on every one). Bodies are
 * the server's zod schemas' input types, answers its types, imported as types only.
 */
import type { z } from 'zod';
import type { BulkResult } from '@/lib/admin/bulk';
import type { bulkInput } from '@/lib/admin/input';
import type { PublishingState } from '@/lib/admin/pause';
import type { Reader } from '../api/result';
import { field } from '../api/result';
import { send } from '../api/transport';

export type BulkBody = z.input<typeof bulkInput>;

/** The bulk answer is `{ done, skipped, remaining? }`, not an envelope. */
const bulkResult: Reader<BulkResult> = (body) =>
  typeof body === 'object' && body !== null && typeof (body as { done?: unknown }).done === 'number' ? (body as BulkResult) : undefined;

export const adminApi = {
  setPaused: (paused: boolean) => send('PUT', '/api/v1/admin/publishing', field<PublishingState>('publishing'), { paused }),
  /** Retry or cancel the posts named, or retry every post matching a filter (the server caps one request). */
  act: (body: BulkBody) => send('POST', '/api/v1/admin/failed-posts/actions', bulkResult, body),
};
