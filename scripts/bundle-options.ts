import type { BuildOptions } from 'esbuild';

/** How Herald's Node processes are bundled: by `npm run build` (dist/) and by the benchmarks. */
export const nodeBundleOptions = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  logLevel: 'warning',
  // CommonJS dependencies call require() on Node built-ins.
  banner: { js: "import { createRequire as __heraldRequire } from 'node:module'; const require = __heraldRequire(import.meta.url);" },
} as const satisfies BuildOptions;
