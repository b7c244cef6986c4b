/**
 * The worker container's healthcheck (`node dist/worker-health.js`): healthy means consuming.
 * The worker touches its alive file (WORKER_HEALTH_FILE) after each heartbeat Redis took while its
 * BullMQ Worker runs, and removes it when it stops; this exits 0 when the file is fresher than
 * the heartbeat's TTL (three beats), 1 otherwise, with one line saying why.
 */
import { statSync } from 'node:fs';
import { ConfigError, config } from '../lib/config';
import { loadDotEnv } from '../lib/env';
import { beatTtlMs } from '../lib/queue/heartbeat';

interface Verdict {
  healthy: boolean;
  line: string;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`;

function fileAgeMs(file: string, now: number): number | undefined {
  try {
    // A clock step backwards must not make the file look older than it is.
    return Math.max(0, now - statSync(file).mtimeMs);
  } catch {
    return undefined;
  }
}

function verdict(file: string, maxAgeMs: number, now = Date.now()): Verdict {
  const age = fileAgeMs(file, now);
  if (age === undefined) return { healthy: false, line: `worker not consuming: no heartbeat file at ${file} (not started, stopped, or Redis never took a beat)` };
  if (age > maxAgeMs) return { healthy: false, line: `worker not consuming: last heartbeat ${seconds(age)} ago, more than ${seconds(maxAgeMs)} (Redis unreachable, or the worker stuck)` };
  return { healthy: true, line: `worker consuming: last heartbeat ${seconds(age)} ago (beats every ${seconds(config().workerHeartbeatMs)})` };
}

function main(): number {
  loadDotEnv();
  let file: string;
  try {
    file = config().workerHealthFile;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    return 1;
  }
  const { healthy, line } = verdict(file, beatTtlMs());
  (healthy ? console.log : console.error)(line);
  return healthy ? 0 : 1;
}

process.exitCode = main();
