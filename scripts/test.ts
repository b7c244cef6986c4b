import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

/**
 * Everything CI checks, in order, and one closing line `N passed, N failed` counted from the
 * runners' JSON reports (plus one per static check), so a run that executed nothing shows.
 */
interface Tally {
  passed: number;
  failed: number;
}
const total: Tally = { passed: 0, failed: 0 };
const lines: string[] = [];

function run(command: string, args: string[], env: Record<string, string> = {}): boolean {
  console.log(`\n▶ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.error) console.error(`${command}: ${result.error.message}${command === 'docker-compose' ? ' (apt-get install docker-compose)' : ''}`);
  return result.status === 0;
}

function check(name: string, ok: boolean) {
  total[ok ? 'passed' : 'failed']++;
  lines.push(`${ok ? '✓' : '✗'} ${name}`);
}

function count(name: string, tally: Tally | null, exitOk: boolean) {
  if (!tally) {
    total.failed++;
    lines.push(`✗ ${name}: no report (the runner did not finish)`);
    return;
  }
  // A runner that failed without a failing test (a crashed setup) still fails the run.
  const failed = tally.failed + (!exitOk && tally.failed === 0 ? 1 : 0);
  total.passed += tally.passed;
  total.failed += failed;
  lines.push(`${failed ? '✗' : '✓'} ${name}: ${tally.passed} passed, ${failed} failed`);
}

function readJson(path: string): unknown {
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null;
}

function vitestTally(path: string): Tally | null {
  const report = readJson(path) as { numPassedTests: number; numFailedTests: number } | null;
  return report ? { passed: report.numPassedTests, failed: report.numFailedTests } : null;
}

function playwrightTally(path: string): Tally | null {
  const report = readJson(path) as { stats: { expected: number; unexpected: number; flaky: number } } | null;
  return report ? { passed: report.stats.expected + report.stats.flaky, failed: report.stats.unexpected } : null;
}

rmSync('test-results', { recursive: true, force: true });
mkdirSync('test-results', { recursive: true });
const bin = (name: string) => `node_modules/.bin/${name}`;

check('type-check (tsc)', run(bin('tsc'), ['--noEmit', '-p', '.']));
check('lint (eslint)', run(bin('eslint'), ['.', '--max-warnings=0']));
check('boundaries (dependency-cruiser)', run(bin('depcruise'), ['app', 'components', 'lib', 'worker', 'scripts']));
// The compose file as Docker would read it (Debian's docker-compose 1.29; no Docker engine needed).
// It requires these two secrets; any value does for reading the file.
check(
  'docker-compose.yml (docker-compose config)',
  run('docker-compose', ['-f', 'docker-compose.yml', 'config', '-q'], { AUTH_SECRET: 'compose-config-check', ENCRYPTION_KEY: 'compose-config-check' }),
);

const unitOk = run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/vitest.json']);
count('unit and integration tests (vitest)', vitestTally('test-results/vitest.json'), unitOk);

const built = run('npm', ['run', 'build']);
check('production build (next build + worker bundle)', built);
if (built) {
  const e2eOk = run(bin('playwright'), ['test']);
  count('end-to-end tests (playwright, chromium)', playwrightTally('test-results/playwright.json'), e2eOk);
} else {
  count('end-to-end tests (playwright, chromium)', null, false);
}

console.log(`\n${lines.join('\n')}`);
console.log(`${total.passed} passed, ${total.failed} failed`);
process.exit(total.failed === 0 && total.passed > 0 ? 0 : 1);
