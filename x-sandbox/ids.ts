/**
 * Snowflake-like ids, as X makes them: 41 bits of milliseconds since X's epoch
 * (2010-11-04T01:42:54.657Z), 10 bits of worker, 12 bits of sequence. Strictly increasing,
 * so sorting ids sorts by creation time (timelines rely on that).
 */
import { randomBytes } from 'node:crypto';

const X_EPOCH = 1288834974657n;
const WORKER = 37n;

export class IdGenerator {
  private lastMs = 0n;
  private seq = 0n;
  private floor = 0n;

  /** Never hand out an id at or below `id` (used after loading persisted state). */
  observe(id: string): void {
    try {
      const n = BigInt(id);
      if (n > this.floor) this.floor = n;
    } catch {
      // not numeric: ignore
    }
  }

  next(): string {
    let ms = BigInt(Date.now());
    if (ms < this.lastMs) ms = this.lastMs;
    if (ms === this.lastMs) {
      this.seq = (this.seq + 1n) & 4095n;
      if (this.seq === 0n) ms = this.lastMs + 1n;
    } else {
      this.seq = 0n;
    }
    this.lastMs = ms;
    let id = ((ms - X_EPOCH) << 22n) | (WORKER << 12n) | this.seq;
    if (id <= this.floor) {
      id = this.floor + 1n;
    }
    this.floor = id;
    return id.toString();
  }
}

/** An opaque random token (URL-safe), like X's access/refresh tokens and codes. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
