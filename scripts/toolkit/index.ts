/**
 * Process handling shared by the tests, the end-to-end setup, the benchmarks and `npm run dev`:
 * free ports, waiting on a condition with a bounded, explained timeout, a private redis-server,
 * worker processes, and a teardown that always runs.
 */
export { freePort } from './ports';
export { untilTime, waitUntil, type WaitOptions } from './wait';
export { Teardown } from './teardown';
export { LineTail, assertRunning, exited, isRunning, startProcess, stopProcess, type ChildHandle, type StartOptions } from './processes';
export { spawnWorker, stopWorkers, waitForWorkerStart, type WorkerOptions } from './worker';
export { startRedisServer, type RedisServer } from './redis-server';
export { seedFromEnv, seededRandom } from './random';
