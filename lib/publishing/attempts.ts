import { hostname } from 'node:os';
import { ApiResponseError } from 'twitter-api-v2';
import type { AttemptOutcome, FailureClass, postAttempts } from '../db/schema';
import type { Claimed } from './claim';

/** The worker process in an attempt's history: host and pid, the start of its heartbeat id (lib/queue/heartbeat). */
export const workerName = `${hostname()}-${process.pid}`;

/** A reason is Herald's sentence plus X's detail; X's detail is not ours to store at any length. */
const MAX_ERROR_CHARS = 500;

/** How an attempt ended, as its history row says it. */
export interface AttemptEnd {
  outcome: AttemptOutcome;
  /** The HTTP status of X's last answer in this attempt; null when X gave none (network, Herald's own refusal). */
  xStatus: number | null;
  errorClass: FailureClass | null;
  error: string | null;
}

/** What X answered, when the error is X's answer (twitter-api-v2 keeps the HTTP status as `code`). */
export function xStatusOf(error: unknown): number | null {
  return error instanceof ApiResponseError ? error.code : null;
}

/** X answers a created post with 201 Created. */
export const X_CREATED = 201;

export function attemptRow({ post, claimedAt }: Claimed, end: AttemptEnd): typeof postAttempts.$inferInsert {
  return {
    postId: post.id,
    attempt: post.attempts,
    startedAt: claimedAt,
    worker: workerName,
    outcome: end.outcome,
    xStatus: end.xStatus,
    errorClass: end.errorClass,
    error: end.error === null ? null : end.error.slice(0, MAX_ERROR_CHARS),
  };
}
