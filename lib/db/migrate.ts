import { migrate } from 'drizzle-orm/postgres-js/migrator';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';

/** Creates the database when missing (a fresh machine), then applies drizzle/ migrations. */
export async function migrateDatabase(databaseUrl: string, migrationsFolder = 'drizzle'): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.slice(1));
  const adminUrl = new URL(databaseUrl);
  adminUrl.pathname = '/postgres';
  const admin = postgres(adminUrl.toString(), { max: 1, onnotice: () => {} });
  try {
    const rows = await admin`select 1 from pg_database where datname = ${name}`;
    if (rows.length === 0) await admin.unsafe(`create database "${name.replaceAll('"', '""')}"`);
  } finally {
    await admin.end();
  }
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    // Serialise concurrent migrators (web and worker starting together).
    await sql`select pg_advisory_lock(7262001)`;
    await migrate(drizzle(sql), { migrationsFolder });
  } finally {
    await sql.end();
  }
}
