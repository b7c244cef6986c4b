import { spawn, type ChildProcess } from 'node:child_process';

/** Keeps the last lines a child wrote, for errors, reports and tests that read its log. */
export class LineTail {
  readonly lines: string[] = [];
  /** The unfinished last line of each stream (stdout and stderr are split apart). */
  private readonly partial = new Map<string, string>();
  constructor(private readonly max = 2000) {}

  /** Adds a chunk of `stream`; returns the lines it finished (blank ones are not kept). */
  push(chunk: Buffer, stream = 'stdout'): string[] {
    const parts = ((this.partial.get(stream) ?? '') + chunk.toString('utf8')).split('\n');
    this.partial.set(stream, parts.pop() ?? '');
    this.lines.push(...parts.filter((l) => l.trim()));
    if (this.lines.length > this.max) this.lines.splice(0, this.lines.length - this.max);
    return parts;
  }

  /** Everything kept, unfinished last lines included. */
  text(): string {
    return [...this.lines, ...[...this.partial.values()].filter(Boolean)].join('\n');
  }
}

export interface ChildHandle {
  label: string;
  child: ChildProcess;
  pid: number;
  output: LineTail;
  /** Resolves with the exit code (null when killed by a signal) once the process has exited. */
  exited: Promise<number | null>;
  /** SIGTERM, then SIGKILL after the grace period; resolves once the process has exited. */
  stop(graceMs?: number): Promise<void>;
}

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

/** Whatever happens to this process, its children do not outlive it. */
function killOnExit(child: ChildProcess): void {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', () => {
      for (const c of live) if (isRunning(c)) c.kill('SIGKILL');
    });
  }
  live.add(child);
  child.once('exit', () => live.delete(child));
}

export function isRunning(child: ChildProcess): boolean {
  return child.pid !== undefined && child.exitCode === null && child.signalCode === null;
}

/** Resolves once `child` has exited (at once if it already has). */
export function exited(child: ChildProcess): Promise<void> {
  return isRunning(child) ? new Promise((resolve) => child.once('exit', () => resolve())) : Promise.resolve();
}

/** SIGTERM, then SIGKILL if the process has not exited within `graceMs`. */
export async function stopProcess(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (!isRunning(child)) return;
  const done = exited(child);
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await done;
  clearTimeout(timer);
}

export interface StartOptions {
  label: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Which of the child's streams to copy to this process's stderr as they come; default none. */
  echo?: 'all' | 'stderr' | 'none';
  /** Called with each complete line the child writes, as it comes. */
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
  /** Lines of output kept; default 2000. */
  keepLines?: number;
  /** Default grace between SIGTERM and SIGKILL for stop(); default 10 s. */
  graceMs?: number;
}

/** Spawns a child whose output is kept, which is SIGKILLed if this process exits first. */
export function startProcess(options: StartOptions): ChildHandle {
  const child = spawn(options.command, options.args, { env: options.env ?? process.env, cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  killOnExit(child);
  const output = new LineTail(options.keepLines);
  // A command that cannot start (not installed) is an 'error' event, and no 'exit' follows;
  // a failed kill() is one too. Either way it must not be an unhandled 'error'.
  const exitCode = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.on('error', (error) => {
      output.push(Buffer.from(`${options.label} could not start: ${error.message}\n`));
      resolve(null);
    });
  });
  const echo = options.echo ?? 'none';
  for (const [stream, readable] of [['stdout', child.stdout], ['stderr', child.stderr]] as const) {
    readable?.on('data', (chunk: Buffer) => {
      const lines = output.push(chunk, stream);
      if (options.onLine) for (const line of lines) options.onLine(line, stream);
      if (echo === 'all' || (echo === 'stderr' && stream === 'stderr')) process.stderr.write(chunk);
    });
  }
  return {
    label: options.label,
    child,
    pid: child.pid ?? -1,
    output,
    exited: exitCode,
    stop: (graceMs = options.graceMs ?? 10_000) => stopProcess(child, graceMs),
  };
}

/** Throws with the last lines of output if the child has exited: for use inside waitUntil. */
export function assertRunning(handle: ChildHandle): void {
  if (!isRunning(handle.child)) {
    throw new Error(`${handle.label} exited (${handle.child.signalCode ?? handle.child.exitCode}):\n${handle.output.lines.slice(-20).join('\n')}`);
  }
}
