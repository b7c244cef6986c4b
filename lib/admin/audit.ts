import { desc, eq } from 'drizzle-orm';
import { db, type Db, type Tx } from '../db';
import { decodeKeyset, encodeKeyset, keysetKey, olderThan } from '../db/keyset';
import { adminAudit, users, type AdminAction, type AdminFilter } from '../db/schema';

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

/** The audit log, newest first, a page at a time (keyset on admin_audit_at_idx). Admins only: the caller checks. */
export async function listAudit(opts: { cursor?: string | null; limit?: number } = {}): Promise<AuditPage> {
  const limit = Math.min(Math.max(opts.limit ?? AUDIT_PAGE_SIZE, 1), 200);
  const after = decodeKeyset(opts.cursor);
  const rows = await db()
    .select({ entry: adminAudit, adminName: users.name, key: keysetKey(adminAudit.at) })
    .from(adminAudit)
    .leftJoin(users, eq(users.id, adminAudit.adminUserId))
    .where(after ? olderThan(adminAudit.at, adminAudit.id, after) : undefined)
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
    nextCursor: rows.length > limit && last ? encodeKeyset(last.key, last.entry.id) : null,
  };
}
