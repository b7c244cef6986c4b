import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, and where the bench keeps its bundles and CPU profiles. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BUILD_DIR = path.join(ROOT, 'bench', '.build');
export const PROFILE_DIR = path.join(ROOT, 'bench', '.prof');
