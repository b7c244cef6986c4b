import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * What the app serves, read from the file system (Next's own routing rules), so that a new route,
 * page or server action is found without anyone listing it. Paths are relative to the project,
 * with `/` separators: `app/api/v1/posts/[id]/route.ts`. Shared by vitest and Playwright.
 */
const APP = path.resolve('app');

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(full) : [full];
  });
}

const appFiles = (): string[] =>
  walk(APP)
    .map((file) => path.relative(path.resolve('.'), file).split(path.sep).join('/'))
    .sort();

export const routeFiles = (): string[] => appFiles().filter((f) => /\/route\.tsx?$/.test(f));
export const pageFiles = (): string[] => appFiles().filter((f) => /\/page\.tsx?$/.test(f));

/** Files whose first statement is the `'use server'` directive: every export is a server action. */
export const serverActionFiles = (): string[] =>
  appFiles().filter((f) => /\.tsx?$/.test(f) && /^\s*(\/\/[^\n]*\n|\/\*[\s\S]*?\*\/\s*)*['"]use server['"]/.test(readFileSync(f, 'utf8')));

/** The URL path a route or page file answers: route groups `(name)` vanish, `[id]` stays a placeholder. */
export function urlPathOf(file: string): string {
  const segments = file
    .replace(/^app\//, '')
    .split('/')
    .slice(0, -1)
    .filter((s) => !/^\(.*\)$/.test(s));
  return `/${segments.join('/')}`;
}

export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
