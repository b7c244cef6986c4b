import { desc, eq, sql } from 'drizzle-orm';
import { db, type Db, type Tx } from '../db';
import { adminAudit, users, type AdminAction, type AdminFilter } from '../db/schema';
import { AppError } from '../errors';

/** The post ids an entry keeps: the first ones; `count` says how many there were in all. */
export const AUDIT_IDS_KEPT = 100;
export const AUDIT_PAGE_SIZE = 50;

export interface AuditEntry {
  adminUserId: string;
  action: AdminAction;
  postIds?: readonly string[];
  filter?: AdminFilter | null;
  count: number;
}

/** Records one admin action, in the caller's transaction when it has one. */
export async function recordAudit(entry: AuditEntry, writer: Db | Tx = db()): Promise<void> {
  await writer.insert(adminAudit).values({
    adminUserId: entry.adminUserId,
    action: entry.action,
    postIds: (entry.postIds ?? []).slice(0, AUDIT_IDS_KEPT),
    filter: entry.filter ?? null,
    count: entry.count,
  });
}

export interface AuditView {
  id: string;
  admin: { id: string | null; name: string | null };
  action: AdminAction;
  postIds: string[];
  filter: AdminFilter | null;
  count: number;
  at: string;
}

export interface AuditPage {
  entries: AuditView[];
  nextCursor: string | null;
}

const cursorKey = sql<string>`to_char(${adminAudit.at} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
const cursorShape = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z\|[0-9a-f-]{36}$/;

function decodeCursor(cursor: string | null | undefined): { at: string; id: string } | null {
  if (!cursor) return null;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!cursorShape.test(text)) throw new AppError(400, 'Invalid input', { cursor: ['Unknown cursor: start from the first page'] });
  const [at, id] = text.split('|') as [string, string];
  return { at, id };
}

/** The audit log, newest first, a page at a time (keyset on admin_audit_at_idx). Admins only: the caller checks. */
export async function listAudit(opts: { cursor?: string | null; limit?: number } = {}): Promise<AuditPage> {
  const limit = Math.min(Math.max(opts.limit ?? AUDIT_PAGE_SIZE, 1), 200);
  const after = decodeCursor(opts.cursor);
  const rows = await db()
    .select({ entry: adminAudit, adminName: users.name, key: cursorKey })
    .from(adminAudit)
    .leftJoin(users, eq(users.id, adminAudit.adminUserId))
    .where(after ? sql`(${adminAudit.at}, ${adminAudit.id}) < (${after.at}::timestamptz, ${after.id}::uuid)` : undefined)
    .orderBy(desc(adminAudit.at), desc(adminAudit.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    entries: page.map(({ entry, adminName }) => ({
      id: entry.id,
      admin: { id: entry.adminUserId, name: adminName },
      action: entry.action,
      postIds: entry.postIds,
      filter: entry.filter,
      count: entry.count,
      at: entry.at.toISOString(),
    })),
    nextCursor: rows.length > limit && last ? Buffer.from(`${last.key}|${last.entry.id}`).toString('base64url') : null,
  };
}
