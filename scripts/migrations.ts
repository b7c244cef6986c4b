import { resealLegacyTokens } from '../lib/accounts/reseal';
import { closeDb } from '../lib/db';
import { migrateDatabase } from '../lib/db/migrate';
import { postgresUnreachable } from '../lib/db/reachable';

/**
 * Everything that brings a database up to this version: the schema's migrations (drizzle/), then
 * data migrations that need the running configuration (the encryption key). Idempotent.
 */
export async function applyMigrations(databaseUrl: string): Promise<{ resealedTokens: number; unreadableTokens: number }> {
  try {
    await migrateDatabase(databaseUrl);
  } catch (error) {
    // No Postgres there: one line saying where and how to start it, not a driver's stack.
    throw postgresUnreachable(error, databaseUrl) ?? error;
  }
  const { resealed, unreadable } = await resealLegacyTokens();
  await closeDb();
  return { resealedTokens: resealed, unreadableTokens: unreadable };
}
