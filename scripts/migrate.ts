import { StartupError, config } from '../lib/config';
import { loadDotEnv } from '../lib/env';
import { applyMigrations } from './migrations';

loadDotEnv();
try {
  const report = await applyMigrations(config().databaseUrl);
  console.log(JSON.stringify({ level: 'info', event: 'migrated', msg: 'database is up to date', ...report }));
} catch (error) {
  console.error(error instanceof StartupError ? error.message : `Migration failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
