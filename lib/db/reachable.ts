import { sql } from 'drizzle-orm';
import { StartupError, config } from '../config';
import { START_STORES_HINT, connectionFailureCode, hostAndPort } from '../unreachable';
import { db } from './index';

/** Postgres did not answer at all (as opposed to answering with an error). */
export class PostgresUnreachable extends StartupError {
  constructor(databaseUrl: string, code: string) {
    super(
      `Postgres is not reachable at ${hostAndPort(databaseUrl, 5432)} (${code}): start it (${START_STORES_HINT}) or set DATABASE_URL to a running server`,
    );
  }
}

/** The one-line startup failure for `error` when it means Postgres is not there; otherwise undefined. */
export function postgresUnreachable(error: unknown, databaseUrl: string): PostgresUnreachable | undefined {
  const code = connectionFailureCode(error);
  return code ? new PostgresUnreachable(databaseUrl, code) : undefined;
}

/** One round trip at start: a process that needs Postgres refuses to start without it, in one line. */
export async function checkPostgres(): Promise<void> {
  try {
    await db().execute(sql`select 1`);
  } catch (error) {
    throw postgresUnreachable(error, config().databaseUrl) ?? error;
  }
}
