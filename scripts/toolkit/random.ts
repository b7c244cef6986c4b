import { randomInt } from 'node:crypto';

/** A seeded generator of floats in [0, 1): the same seed gives the same sequence (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The seed named by the environment variable `name`, or a fresh one; printed either way, so
 * that a failing run can be replayed with `name=<seed>`.
 */
export function seedFromEnv(name: string, print: (line: string) => void = console.log): number {
  const given = process.env[name];
  if (given !== undefined && !/^\d+$/.test(given)) throw new Error(`${name} must be a whole number, got "${given}"`);
  const seed = given === undefined ? randomInt(2 ** 32) : Number(given) >>> 0;
  print(`${name}=${seed}${given === undefined ? ` (set ${name}=${seed} to replay this run)` : ' (from the environment)'}`);
  return seed;
}
