import { build } from 'esbuild';
import { nodeBundleOptions } from './bundle-options';
import { cpSync, existsSync } from 'node:fs';

/**
 * The processes beside the web app, bundled into self-contained files in dist/ so that a
 * production image needs neither tsx nor the source tree. The web app itself is Next's
 * standalone server, which needs its static files copied next to it.
 */
await build({
  entryPoints: {
    worker: 'worker/index.ts',
    'worker-health': 'scripts/worker-health.ts',
    migrate: 'scripts/migrate.ts',
    run: 'scripts/run.ts',
    'x-sandbox': 'x-sandbox/main.ts',
  },
  outdir: 'dist',
  ...nodeBundleOptions,
});

if (existsSync('.next/standalone')) {
  cpSync('.next/static', '.next/standalone/.next/static', { recursive: true });
  if (existsSync('public')) cpSync('public', '.next/standalone/public', { recursive: true });
}
console.log('built dist/ and the standalone web server');
