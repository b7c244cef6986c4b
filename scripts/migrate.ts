import { ConfigError, config } from '../lib/config';
import { migrateDatabase } from '../lib/db/migrate';
import { loadDotEnv } from '../lib/env';

loadDotEnv();
try {
  await migrateDatabase(config().databaseUrl);
  console.log(JSON.stringify({ level: 'info', event: 'migrated', msg: 'database is up to date' }));
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : `Migration failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
