/**
 * Per-user fixed-window rate limits, as X applies them to OAuth 2.0 user tokens, plus the
 * 24-hour user limit on creating posts. Defaults are X's published per-user limits
 * (docs.x.com, "X API Rate Limits").
 */
import { systemClock, type Clock } from './clock';

export interface WindowLimit {
  limit: number;
  windowSeconds: number;
}

/** Endpoint keys as `METHOD path` in X's OpenAPI spelling. */
export const DEFAULT_WINDOWS: Record<string, WindowLimit> = {
  'POST /2/tweets': { limit: 100, windowSeconds: 900 },
  'DELETE /2/tweets/{id}': { limit: 50, windowSeconds: 900 },
  'GET /2/users/me': { limit: 75, windowSeconds: 900 },
  'GET /2/users/{id}/tweets': { limit: 900, windowSeconds: 900 },
  'POST /2/media/upload': { limit: 500, windowSeconds: 900 },
  'GET /2/media/upload': { limit: 1000, windowSeconds: 900 },
  'POST /2/media/upload/initialize': { limit: 1875, windowSeconds: 900 },
  'POST /2/media/upload/{id}/append': { limit: 1875, windowSeconds: 900 },
  'POST /2/media/upload/{id}/finalize': { limit: 1875, windowSeconds: 900 },
  'POST /2/media/metadata': { limit: 500, windowSeconds: 900 },
};

export interface RateLimitConfig {
  windows: Record<string, WindowLimit>;
  /** Posts one user may create per 24 hours (`x-user-limit-24hour-*`); null: no such limit. */
  tweetsPer24h: number | null;
}

export function defaultRateLimitConfig(): RateLimitConfig {
  const windows: Record<string, WindowLimit> = {};
  for (const [k, v] of Object.entries(DEFAULT_WINDOWS)) windows[k] = { ...v };
  return { windows, tweetsPer24h: 2400 };
}

interface Counter {
  count: number;
  resetAtMs: number;
}

export interface WindowState {
  limit: number;
  remaining: number;
  /** Epoch seconds when the window resets. */
  reset: number;
  limited: boolean;
}

export class RateLimiter {
  private counters = new Map<string, Counter>();
  private daily = new Map<string, Counter>();

  constructor(
    public config: RateLimitConfig,
    private readonly clock: Clock = systemClock,
  ) {}

  clear(): void {
    this.counters.clear();
    this.daily.clear();
  }

  private window(key: string, limit: WindowLimit, nowMs: number): Counter {
    let c = this.counters.get(key);
    if (!c || c.resetAtMs <= nowMs) {
      c = { count: 0, resetAtMs: nowMs + limit.windowSeconds * 1000 };
      this.counters.set(key, c);
    }
    return c;
  }

  /** Counts one request of `userId` on `endpoint`; `limited` when the window is used up. */
  hit(userId: string, endpoint: string, nowMs = this.clock.now()): WindowState | null {
    const limit = this.config.windows[endpoint];
    if (!limit) return null;
    const c = this.window(`${userId}|${endpoint}`, limit, nowMs);
    const limited = c.count >= limit.limit;
    if (!limited) c.count++;
    return { limit: limit.limit, remaining: Math.max(0, limit.limit - c.count), reset: Math.ceil(c.resetAtMs / 1000), limited };
  }

  /** The current window without counting (for fault-injected 429s). */
  peek(userId: string, endpoint: string, nowMs = this.clock.now()): WindowState | null {
    const limit = this.config.windows[endpoint];
    if (!limit) return null;
    const c = this.window(`${userId}|${endpoint}`, limit, nowMs);
    return { limit: limit.limit, remaining: Math.max(0, limit.limit - c.count), reset: Math.ceil(c.resetAtMs / 1000), limited: c.count >= limit.limit };
  }

  private dailyCounter(userId: string, nowMs: number): Counter {
    let c = this.daily.get(userId);
    if (!c || c.resetAtMs <= nowMs) {
      c = { count: 0, resetAtMs: nowMs + 86_400_000 };
      this.daily.set(userId, c);
    }
    return c;
  }

  /** The 24-hour post limit of a user; `limited` when no post may be created now. */
  dailyState(userId: string, nowMs = this.clock.now()): WindowState | null {
    const limit = this.config.tweetsPer24h;
    if (limit === null) return null;
    const c = this.dailyCounter(userId, nowMs);
    return { limit, remaining: Math.max(0, limit - c.count), reset: Math.ceil(c.resetAtMs / 1000), limited: c.count >= limit };
  }

  consumeDaily(userId: string, nowMs = this.clock.now()): void {
    if (this.config.tweetsPer24h === null) return;
    this.dailyCounter(userId, nowMs).count++;
  }
}

export function windowHeaders(w: WindowState | null): Record<string, string> {
  if (!w) return {};
  return {
    'x-rate-limit-limit': String(w.limit),
    'x-rate-limit-remaining': String(w.remaining),
    'x-rate-limit-reset': String(w.reset),
  };
}

export function dailyHeaders(w: WindowState | null): Record<string, string> {
  if (!w) return {};
  return {
    'x-user-limit-24hour-limit': String(w.limit),
    'x-user-limit-24hour-remaining': String(w.remaining),
    'x-user-limit-24hour-reset': String(w.reset),
  };
}
