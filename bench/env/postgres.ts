import path from 'node:path';
import postgres from 'postgres';
import { migrateDatabase } from '../../lib/db/migrate';
import { ROOT } from './paths';
import { onTeardown } from './teardown';

export interface BenchDatabase {
  url: string;
  name: string;
  version: string;
  /** An admin connection to the bench database (measurements, truncation). */
  sql: postgres.Sql;
}

const BASE_DATABASE_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A database of the bench's own, migrated with Herald's migrations; dropped at teardown. */
export async function createDatabase(runId: string): Promise<BenchDatabase> {
  const name = `herald_bench_${runId}`;
  const url = new URL(BASE_DATABASE_URL);
  url.pathname = `/${name}`;
  onTeardown('database', async () => {
    const admin = postgres(BASE_DATABASE_URL, { max: 1, onnotice: () => {} });
    try {
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
    } finally {
      await admin.end();
    }
  });
  await migrateDatabase(url.toString(), path.join(ROOT, 'drizzle'));
  const sql = postgres(url.toString(), { max: 2, onnotice: () => {} });
  onTeardown('database admin connection', () => sql.end({ timeout: 5 }));
  const [row] = await sql<{ server_version: string }[]>`show server_version`;
  return { url: url.toString(), name, version: row?.server_version ?? '?', sql };
}
