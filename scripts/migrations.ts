import { resealLegacyTokens } from '../lib/accounts/reseal';
import { closeDb } from '../lib/db';
import { migrateDatabase } from '../lib/db/migrate';

/**
 * Everything that brings a database up to this version: the schema's migrations (drizzle/), then
 * data migrations that need the running configuration (the encryption key). Idempotent.
 */
export async function applyMigrations(databaseUrl: string): Promise<{ resealedTokens: number; unreadableTokens: number }> {
  await migrateDatabase(databaseUrl);
  const { resealed, unreadable } = await resealLegacyTokens();
  await closeDb();
  return { resealedTokens: resealed, unreadableTokens: unreadable };
}
