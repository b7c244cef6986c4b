/**
 * The sandbox's sense of time: when tokens and authorization codes expire, when rate-limit
 * windows reset, how far media processing has got. Tests pass a ManualClock to startSandbox and
 * move it forward instead of waiting. Request arrival stamps, post creation times and the added
 * latency stay on the real clock: the benchmarks measure Herald against them.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that moves only when told to. */
export class ManualClock implements Clock {
  constructor(private ms = Date.now()) {}

  now(): number {
    return this.ms;
  }

  advance(ms: number): void {
    if (!(ms >= 0)) throw new Error(`a clock only moves forward (advance by ${ms} ms)`);
    this.ms += ms;
  }
}
