import { startProcess, type ChildHandle, type StartOptions } from './processes';
import { waitUntil } from './wait';

export interface WorkerOptions {
  /** The worker's entry: `worker/index.ts` (through tsx, the default) or a bundle such as `dist/worker.js`. */
  script?: string;
  /** The worker's whole environment; default: this process's. */
  env?: NodeJS.ProcessEnv;
  /** Extra Node flags (e.g. `--cpu-prof`). */
  nodeArgs?: string[];
  label?: string;
  cwd?: string;
  keepLines?: number;
  echo?: StartOptions['echo'];
  onLine?: StartOptions['onLine'];
  /** Grace between SIGTERM and SIGKILL for stop(); default 30 s (a worker finishes the jobs in flight). */
  graceMs?: number;
}

/** A real Herald worker process, configured through its environment as in production. */
export function spawnWorker(options: WorkerOptions = {}): ChildHandle {
  const script = options.script ?? 'worker/index.ts';
  return startProcess({
    label: options.label ?? 'worker',
    command: process.execPath,
    args: [...(options.nodeArgs ?? []), ...(script.endsWith('.ts') ? ['--import', 'tsx'] : []), script],
    env: options.env ?? process.env,
    cwd: options.cwd,
    keepLines: options.keepLines ?? 100_000,
    echo: options.echo,
    onLine: options.onLine,
    graceMs: options.graceMs ?? 30_000,
  });
}

/** Waits for the worker's `worker_started` log line (it logs at info level or lower). */
export async function waitForWorkerStart(worker: ChildHandle, timeoutMs = 15_000): Promise<void> {
  await waitUntil(
    () => {
      if (worker.child.exitCode !== null || worker.child.signalCode !== null) throw new Error(`${worker.label} exited before starting:\n${worker.output.text()}`);
      return worker.output.lines.some((l) => l.includes('worker_started'));
    },
    { what: `${worker.label} to start`, timeoutMs, intervalMs: 50 },
  );
}

/** Stops workers together: SIGTERM, then SIGKILL after `graceMs`. */
export async function stopWorkers(workers: readonly ChildHandle[], graceMs?: number): Promise<void> {
  await Promise.all(workers.map((w) => w.stop(graceMs)));
}
