import { afterAll, beforeAll } from 'vitest';

/**
 * For browser-side date code tested in Node: "the browser" is this process, so pin its zone for
 * the file's tests, and give it back after (a worker process may run other files next).
 */
export function pinProcessTimeZone(zone: string): void {
  const original = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = zone;
  });
  afterAll(() => {
    if (original === undefined) delete process.env.TZ;
    else process.env.TZ = original;
  });
}
