import 'server-only';
import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { config } from '../config';
import * as schema from './schema';

export type Db = PostgresJsDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

// One pool per process; kept on globalThis so Next's dev reloads don't leak connections.
const holder = globalThis as unknown as { heraldDb?: { db: Db; sql: postgres.Sql } };

function open() {
  const sql = postgres(config().databaseUrl, { max: config().dbPoolMax, onnotice: () => {} });
  return { sql, db: drizzle(sql, { schema }) };
}

export function db(): Db {
  holder.heraldDb ??= open();
  return holder.heraldDb.db;
}

export async function closeDb(): Promise<void> {
  const h = holder.heraldDb;
  holder.heraldDb = undefined;
  await h?.sql.end({ timeout: 5 });
}
