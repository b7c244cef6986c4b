import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { config } from '../config';
import { failureClass, postStatus, type Post } from '../db/schema';
import { AppError } from '../errors';
import { MAX_GROUP_POSTS } from './group-input';

/**
 * The undo token: what a post was like before an action, signed so the server needs to keep
 * nothing. `<payload>.<mac>`, both base64url; the payload is compact JSON. Its key is derived
 * from ENCRYPTION_KEY with HKDF under a label of its own, so no other use of that key can make a
 * valid token (nor a token serve as anything else).
 */

/** How long the person has to press Undo. */
export const UNDO_WINDOW_MS = 10_000;
/** The token outlives the window by this much: the click at 9.9 s still has a round trip to make. */
export const UNDO_GRACE_MS = 5_000;
/** A group of MAX_GROUP_POSTS posts with every field set stays well under this. */
export const MAX_UNDO_TOKEN_LENGTH = 12_000;

const VERSION = 1;
const MAC_BYTES = 32;

/** A post's time and status before the action (null: the action created it). */
const before = z.strictObject({
  /** status */
  s: z.enum(postStatus.enumValues),
  /** scheduledAt, epoch ms */
  t: z.number().int().nullable(),
  /** queueSlot */
  q: z.boolean(),
  /** attempts */
  a: z.number().int().min(0),
  /** lastError, lastErrorClass, nextAttemptAt (epoch ms): only when set */
  e: z.string().optional(),
  c: z.enum(failureClass.enumValues).optional(),
  n: z.number().int().optional(),
});
export type UndoBefore = z.infer<typeof before>;

const payload = z.strictObject({
  v: z.literal(VERSION),
  /** user id */
  u: z.string().min(1).max(200),
  /** expires, epoch ms */
  x: z.number().int(),
  /** each post: id, revision after the action, and what it was before */
  p: z
    .array(z.strictObject({ i: z.uuid(), r: z.number().int().min(1), b: before.nullable() }))
    .min(1)
    .max(MAX_GROUP_POSTS),
});
export type UndoPayload = z.infer<typeof payload>;

let cached: { master: Buffer; key: Buffer } | null = null;
function key(): Buffer {
  const master = config().encryptionKey;
  if (cached?.master !== master) cached = { master, key: Buffer.from(hkdfSync('sha256', master, 'herald', `herald undo-token v${VERSION}`, 32)) };
  return cached.key;
}

const mac = (data: string) => createHmac('sha256', key()).update(data).digest();

export function signUndo(value: UndoPayload): string {
  const data = Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
  return `${data}.${mac(data).toString('base64url')}`;
}

const notValid = () => new AppError(400, 'This undo link is not valid');

/** The payload of a token this server signed; anything else (edited, truncated, made up) is a 400. */
export function verifyUndo(token: string): UndoPayload {
  const [data, signature, extra] = token.split('.');
  if (!data || !signature || extra !== undefined) throw notValid();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== MAC_BYTES || !timingSafeEqual(given, mac(data))) throw notValid();
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(data, 'base64url').toString('utf8'));
  } catch {
    throw notValid();
  }
  const parsed = payload.safeParse(json);
  if (!parsed.success) throw notValid();
  return parsed.data;
}

/** What an undoable action answers besides its posts: the token to send back, and until when (ISO). */
export interface UndoOffer {
  token: string;
  expiresAt: string;
}

/** One post the action changed: its row after, and before (null: the action created it). */
export interface UndoEntry {
  after: Pick<Post, 'id' | 'revision'>;
  before: Pick<Post, 'status' | 'scheduledAt' | 'queueSlot' | 'attempts' | 'lastError' | 'lastErrorClass' | 'nextAttemptAt'> | null;
}

function snapshot(before: NonNullable<UndoEntry['before']>): UndoBefore {
  return {
    s: before.status,
    t: before.scheduledAt?.getTime() ?? null,
    q: before.queueSlot,
    a: before.attempts,
    ...(before.lastError !== null ? { e: before.lastError } : {}),
    ...(before.lastErrorClass !== null ? { c: before.lastErrorClass } : {}),
    ...(before.nextAttemptAt !== null ? { n: before.nextAttemptAt.getTime() } : {}),
  };
}

export function undoOffer(userId: string, entries: UndoEntry[], now = Date.now()): UndoOffer | undefined {
  if (entries.length === 0) return undefined;
  const token = signUndo({
    v: 1,
    u: userId,
    x: now + UNDO_WINDOW_MS + UNDO_GRACE_MS,
    p: entries.map(({ after, before }) => ({ i: after.id, r: after.revision, b: before ? snapshot(before) : null })),
  });
  return { token, expiresAt: new Date(now + UNDO_WINDOW_MS).toISOString() };
}
