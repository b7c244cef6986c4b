import { Teardown } from '../../scripts/toolkit';

/**
 * Everything the bench starts is registered here and torn down newest first, on success, on
 * failure and on SIGINT/SIGTERM; each step is bounded and a failing one does not stop the rest.
 * (Children are also SIGKILLed if the bench process exits without tearing down: the toolkit's
 * processes see to that.)
 */
const steps = new Teardown({
  stepTimeoutMs: 40_000,
  report: (name, error) => console.error(`[bench] teardown of ${name} failed: ${error instanceof Error ? error.message : String(error)}`),
});

export function onTeardown(name: string, fn: () => unknown): void {
  steps.add(name, fn);
}

export function teardown(): Promise<void> {
  return steps.run();
}
