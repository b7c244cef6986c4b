/** Wall-clock milliseconds with sub-millisecond precision (the sandbox stamps requests the same way). */
export const preciseNow = () => performance.timeOrigin + performance.now();

/** CLOCK_MONOTONIC in µs, the clock V8's CPU profiles are stamped with. */
export const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);

export function log(message: string): void {
  const t = new Date().toISOString().slice(11, 23);
  console.log(`[bench ${t}] ${message}`);
}

