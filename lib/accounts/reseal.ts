import { eq, like, or, sql, and } from 'drizzle-orm';
import { isLegacy, openLegacy } from '../crypto';
import { db } from '../db';
import { xAccounts } from '../db/schema';
import { logger } from '../log';
import { sealToken, type TokenKind } from './secrets';

const BATCH = 200;

/**
 * Reseals tokens stored by Herald before ciphertexts were bound to their account (format v1:
 * the master key itself, no associated data) into the current format. Idempotent; run with the
 * migrations. A token that no longer opens (ENCRYPTION_KEY changed) cannot be recovered: the
 * account is marked "reconnect needed" rather than left failing at every publish.
 */
export async function resealLegacyTokens(): Promise<{ resealed: number; unreadable: number }> {
  const report = { resealed: 0, unreadable: 0 };
  for (;;) {
    const rows = await db()
      .select({ id: xAccounts.id, xUserId: xAccounts.xUserId, access: xAccounts.accessTokenEnc, refresh: xAccounts.refreshTokenEnc })
      .from(xAccounts)
      .where(or(like(xAccounts.accessTokenEnc, 'v1.%'), like(xAccounts.refreshTokenEnc, 'v1.%')))
      .limit(BATCH);
    if (rows.length === 0) break;
    for (const row of rows) {
      const reseal = (kind: TokenKind, sealed: string | null) => (sealed && isLegacy(sealed) ? sealToken(row.xUserId, kind, openLegacy(sealed)) : sealed);
      // Only if the row still holds what was read: a refresh or reconnect meanwhile wins.
      const unchanged = and(
        eq(xAccounts.id, row.id),
        sql`${xAccounts.accessTokenEnc} is not distinct from ${row.access}`,
        sql`${xAccounts.refreshTokenEnc} is not distinct from ${row.refresh}`,
      );
      try {
        await db()
          .update(xAccounts)
          .set({ accessTokenEnc: reseal('access', row.access), refreshTokenEnc: reseal('refresh', row.refresh) })
          .where(unchanged);
        report.resealed++;
      } catch (error) {
        if (!(error instanceof Error) || !/Unrecognised|unable to authenticate/i.test(error.message)) throw error;
        await db().update(xAccounts).set({ accessTokenEnc: null, refreshTokenEnc: null, status: 'reconnect_needed' }).where(unchanged);
        report.unreadable++;
      }
    }
  }
  if (report.resealed || report.unreadable) logger().info({ event: 'tokens_resealed', ...report }, 'resealed X tokens stored in the old format');
  return report;
}
