import { spawnWorker as spawnWorkerProcess, type ChildHandle } from '../../scripts/toolkit';

export { startRedisServer, stopWorkers, waitForWorkerStart, waitUntil, type ChildHandle, type RedisServer } from '../../scripts/toolkit';

/**
 * A real worker (`worker/index.ts` through tsx) with this run's environment plus `env`, logging
 * at info because tests read its events. A test's worker gets 5 s to stop before SIGKILL: no
 * test waits on a graceful exit it does not check itself.
 */
export function spawnWorker(env: Record<string, string | undefined> = {}): ChildHandle {
  return spawnWorkerProcess({ env: { ...process.env, LOG_LEVEL: 'info', ...env }, graceMs: 5_000 });
}
