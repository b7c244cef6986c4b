import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { nodeBundleOptions } from '../../scripts/bundle-options';
import { BUILD_DIR, ROOT } from './paths';

export interface Bundles {
  worker: string;
  sandbox: string;
  baseline: string;
  bare: string;
}

/**
 * Bundles the worker, the X sandbox and the baseline poller from the current sources, with the
 * same esbuild settings as scripts/build.ts (npm run build), into bench/.build/. The bench thus
 * always measures the code in the working tree, and leaves dist/ (which `npm run build` also
 * rebuilds with the Next app) alone. `workerFrom` bundles the worker from another directory.
 */
export async function buildBundles(workerFrom: string = ROOT): Promise<Bundles> {
  mkdirSync(BUILD_DIR, { recursive: true });
  const settings = { outdir: BUILD_DIR, ...nodeBundleOptions } as const;
  await build({
    ...settings,
    absWorkingDir: ROOT,
    entryPoints: { 'x-sandbox': 'x-sandbox/main.ts', 'baseline-cron': 'bench/baseline-cron.ts', 'bare-bullmq': 'bench/bare-bullmq.ts' },
  });
  // The worker may come from another tree (BENCH_WORKER_FROM: a checkout of another commit, to compare).
  await build({ ...settings, absWorkingDir: workerFrom, entryPoints: { worker: 'worker/index.ts' } });
  return {
    worker: path.join(BUILD_DIR, 'worker.js'),
    sandbox: path.join(BUILD_DIR, 'x-sandbox.js'),
    baseline: path.join(BUILD_DIR, 'baseline-cron.js'),
    bare: path.join(BUILD_DIR, 'bare-bullmq.js'),
  };
}
