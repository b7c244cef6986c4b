/**
 * Control for the trickle: bare BullMQ delayed jobs on the same Redis at the same moment, with a
 * processor that does nothing but note how late it started. Two Workers (concurrency 50 each) in
 * this one process. The bench adds the jobs (data: `{ at }`, the due time in epoch ms) and reads
 * one JSON line per job from stdout. Env: REDIS_URL, BARE_PREFIX. Stops on SIGTERM/SIGINT.
 */
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';

export const BARE_QUEUE = 'bare-delayed';

const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = process.env.BARE_PREFIX ?? 'bare';

const workers = [0, 1].map(
  () =>
    new Worker(
      BARE_QUEUE,
      async (job) => {
        const started = performance.timeOrigin + performance.now();
        const { at } = job.data as { at: number };
        console.log(JSON.stringify({ bare: true, id: job.id, late: started - at }));
      },
      { connection: new Redis(url, { maxRetriesPerRequest: null }), prefix, concurrency: 50 },
    ),
);
await Promise.all(workers.map((w) => w.waitUntilReady()));
console.log(JSON.stringify({ event: 'ready' }));

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await Promise.all(workers.map((w) => w.close()));
  process.exit(0);
}
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
