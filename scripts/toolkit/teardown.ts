import { setTimeout as delay } from 'node:timers/promises';

type Step = { name: string; run: () => unknown };

/**
 * Cleanup steps run newest first (what was started last depends on what came before), once:
 * a second `run()` waits for the first. Each step is bounded and a failing step is reported and
 * skipped, so the rest still runs.
 */
export class Teardown {
  private readonly steps: Step[] = [];
  private running: Promise<void> | undefined;

  constructor(
    private readonly options: { stepTimeoutMs?: number; report?: (name: string, error: unknown) => void } = {},
  ) {}

  add(name: string, run: () => unknown): void {
    this.steps.push({ name, run });
  }

  run(): Promise<void> {
    this.running ??= this.runSteps();
    return this.running;
  }

  private async runSteps(): Promise<void> {
    const timeoutMs = this.options.stepTimeoutMs ?? 40_000;
    const report = this.options.report ?? ((name, error) => console.error(`teardown of ${name} failed: ${error instanceof Error ? error.message : String(error)}`));
    for (let step = this.steps.pop(); step; step = this.steps.pop()) {
      const abort = new AbortController();
      try {
        await Promise.race([
          Promise.resolve().then(step.run),
          delay(timeoutMs, undefined, { signal: abort.signal }).then(() => Promise.reject(new Error(`timed out after ${timeoutMs} ms`))),
        ]);
      } catch (error) {
        report(step.name, error);
      } finally {
        abort.abort();
      }
    }
  }
}
