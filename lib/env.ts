import { existsSync } from 'node:fs';

/** Next.js reads .env itself; the worker and scripts get the same values through this. */
export function loadDotEnv(): void {
  for (const file of ['.env.local', '.env']) {
    if (existsSync(file)) process.loadEnvFile(file);
  }
}
