import { defineConfig } from 'vitest/config';

/**
 * The sandbox's own tests need no database or Redis: `npx vitest run --config x-sandbox/vitest.config.ts`.
 * (The root config also includes x-sandbox/**\/*.test.ts, with Herald's global setup.)
 */
export default defineConfig({
  // Vite's cache goes where the root config's does, not into x-sandbox/node_modules.
  cacheDir: '../node_modules/.vite',
  test: {
    root: import.meta.dirname,
    include: ['**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
