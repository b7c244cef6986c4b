import 'server-only';
import { and, eq, lt, sql } from 'drizzle-orm';
import { db } from '../db';
import { idempotencyKeys } from '../db/schema';
import { AppError } from '../errors';

/** How long a key's answer is kept and given again. */
export const IDEMPOTENCY_TTL_HOURS = 24;
/** A first request still "running" after this long died with its process: its key may be used again. */
const ABANDONED_MINUTES = 15;

/** 1 to 255 printable ASCII characters (a UUID is the usual choice). */
const KEY = /^[\x20-\x7e]{1,255}$/;

/** The request's Idempotency-Key, or null without one; 400 for one that is not 1–255 printable ASCII characters. */
export function idempotencyKey(request: Request): string | null {
  const key = request.headers.get('idempotency-key');
  if (key === null) return null;
  if (!KEY.test(key)) throw new AppError(400, 'Idempotency-Key must be 1 to 255 printable ASCII characters (a UUID, for instance)', { 'Idempotency-Key': ['Not 1 to 255 printable ASCII characters'] });
  return key;
}

export const inProgress = () => new AppError(409, 'A request with this Idempotency-Key is in progress; wait for its answer, then send it again');

/** The answer a completed key holds. */
export interface StoredAnswer {
  status: number;
  body: string | null;
  type: string | null;
}

/** Who sent which key with which request: `request` is `POST <path>`, `bodyHash` the SHA-256 of the body (null: not read yet). */
export interface KeyUse {
  userId: string;
  key: string;
  request: string;
  bodyHash: string | null;
}

export type Claim = { kind: 'new' } | { kind: 'seen'; request: string; bodyHash: string | null; answer: StoredAnswer | null };

/**
 * Takes the key for this request, atomically: a new key (or one past 24 hours, or abandoned while
 * pending) is inserted as pending and belongs to this request; otherwise the row already there is
 * returned for the caller to compare and replay. The primary key (user, key) makes two concurrent
 * first requests meet here: exactly one inserts.
 */
export async function claimKey(use: KeyUse): Promise<Claim> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const taken = await db()
      .insert(idempotencyKeys)
      .values({ userId: use.userId, key: use.key, request: use.request, bodyHash: use.bodyHash })
      .onConflictDoUpdate({
        target: [idempotencyKeys.userId, idempotencyKeys.key],
        set: { request: use.request, bodyHash: use.bodyHash, status: null, responseBody: null, responseType: null, createdAt: sql`now()` },
        setWhere: sql`${idempotencyKeys.createdAt} < now() - ${`${IDEMPOTENCY_TTL_HOURS} hours`}::interval
          or (${idempotencyKeys.status} is null and ${idempotencyKeys.createdAt} < now() - ${`${ABANDONED_MINUTES} minutes`}::interval)`,
      })
      .returning({ userId: idempotencyKeys.userId });
    if (taken.length > 0) return { kind: 'new' };
    const [row] = await db()
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.userId, use.userId), eq(idempotencyKeys.key, use.key)));
    // Released between the two statements (its request failed): try to take it again.
    if (!row) continue;
    const answer = row.status === null ? null : { status: row.status, body: row.responseBody, type: row.responseType };
    return { kind: 'seen', request: row.request, bodyHash: row.bodyHash, answer };
  }
  throw inProgress();
}

/** Keeps the answer of the request that holds the key (and the hash of a body read while it ran). */
export async function completeKey(use: KeyUse, answer: StoredAnswer): Promise<void> {
  await db()
    .update(idempotencyKeys)
    .set({ status: answer.status, responseBody: answer.body, responseType: answer.type, bodyHash: use.bodyHash })
    .where(and(eq(idempotencyKeys.userId, use.userId), eq(idempotencyKeys.key, use.key)));
}

/** Frees the key of a request that created nothing (an error): sending it again runs it again. */
export async function releaseKey(use: KeyUse): Promise<void> {
  await db()
    .delete(idempotencyKeys)
    .where(and(eq(idempotencyKeys.userId, use.userId), eq(idempotencyKeys.key, use.key), sql`${idempotencyKeys.status} is null`));
}

/** Keys past 24 hours, a batch at a time (the hourly sweep carries on with the rest). */
export async function sweepIdempotencyKeys(batch = 5000): Promise<number> {
  const doomed = db()
    .select({ userId: idempotencyKeys.userId, key: idempotencyKeys.key })
    .from(idempotencyKeys)
    .where(lt(idempotencyKeys.createdAt, sql`now() - ${`${IDEMPOTENCY_TTL_HOURS} hours`}::interval`))
    .limit(batch);
  const deleted = await db()
    .delete(idempotencyKeys)
    .where(sql`(${idempotencyKeys.userId}, ${idempotencyKeys.key}) in (${doomed})`)
    .returning({ key: idempotencyKeys.key });
  return deleted.length;
}
