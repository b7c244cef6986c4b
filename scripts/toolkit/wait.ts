import { setTimeout as delay } from 'node:timers/promises';

export interface WaitOptions {
  /** What is awaited, for the timeout message ("the worker to start"). */
  what: string;
  timeoutMs: number;
  /** Pause between two checks; default 100 ms. */
  intervalMs?: number;
  /** Appended to the timeout message, e.g. a child's last output lines. */
  detail?: () => string;
}

/**
 * Checks `predicate` until it returns a truthy value, which it then returns. A thrown error ends
 * the wait at once (a child that died will not start later); a predicate that must ride out
 * errors (a server not listening yet) catches them itself. After `timeoutMs` without success it
 * throws "timed out after N ms waiting for <what>" with the last value seen.
 */
export async function waitUntil<T>(predicate: () => T | undefined | null | false | Promise<T | undefined | null | false>, options: WaitOptions): Promise<T> {
  const { what, timeoutMs, intervalMs = 100 } = options;
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    last = await predicate();
    if (last) return last as T;
    if (Date.now() >= deadline) {
      const extra = options.detail?.();
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last check: ${String(last)})${extra ? `\n${extra}` : ''}`);
    }
    await delay(Math.min(intervalMs, Math.max(1, deadline - Date.now())));
  }
}

/**
 * Waits until the wall clock reaches `at` (epoch ms): for schedules that are the point of a
 * test or benchmark (posts due at T, a kill every 2 s), not for waiting on something to happen.
 */
export async function untilTime(at: number): Promise<void> {
  const ms = at - Date.now();
  if (ms > 0) await delay(ms);
}
