import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { AppError } from '../errors';

/**
 * Keyset pages over (timestamp, uuid), newest first: the cursor names the last row shown by its
 * exact time (microseconds, as Postgres keeps it; a JavaScript Date would round it) and its id.
 * Opaque to clients (base64url); one that is not ours is a 400, never a wrong page.
 */
export interface Keyset {
  at: string;
  id: string;
}

/** Select this beside the row: the exact time, as the cursor carries it. */
export const keysetKey = (at: AnyPgColumn): SQL<string> => sql<string>`to_char(${at} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

const SHAPE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z\|[0-9a-f-]{36}$/;

export function decodeKeyset(cursor: string | null | undefined): Keyset | null {
  if (!cursor) return null;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!SHAPE.test(text)) throw new AppError(400, 'Invalid input', { cursor: ['Unknown cursor: start from the first page'] });
  const [at, id] = text.split('|') as [string, string];
  return { at, id };
}

export const encodeKeyset = (key: string, id: string): string => Buffer.from(`${key}|${id}`).toString('base64url');

/** Rows after the cursor, in (at desc, id desc) order. */
export const olderThan = (at: AnyPgColumn, id: AnyPgColumn, after: Keyset): SQL => sql`(${at}, ${id}) < (${after.at}::timestamptz, ${after.id}::uuid)`;
