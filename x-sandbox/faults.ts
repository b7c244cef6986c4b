/** Fault injection rules for tests: answer with an error, add latency, or drop the connection. */
import { z } from 'zod';
import type { JsonValue } from './http-util';

const jsonValue: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([z.null(), z.boolean(), z.number(), z.string(), z.array(jsonValue), z.record(z.string(), jsonValue)]),
);

export const faultRuleInput = z
  .object({
    /** Exact path (`/2/tweets`) or a pattern where `*` matches one path segment (`/2/media/upload/*\/append`). */
    path: z.string().startsWith('/'),
    method: z.string().optional(),
    /** Answer with this status instead of handling the request (the request has no effect). */
    status: z.number().int().min(100).max(599).optional(),
    /** Body for `status` (object or string); default: X's problem body for that status. */
    body: jsonValue.optional(),
    headers: z.record(z.string(), z.string()).optional(),
    /** Wait this long before handling the request. */
    latencyMs: z.number().min(0).max(600_000).optional(),
    /** Handle the request (e.g. create the post), then destroy the socket without answering. */
    dropAfterCreate: z.boolean().optional(),
    /** Destroy the socket without handling the request. */
    drop: z.boolean().optional(),
    /** Apply this many times, then remove the rule (default: until cleared). */
    times: z.number().int().min(1).optional(),
    /** Let this many matching requests through before the rule starts applying. */
    skip: z.number().int().min(0).optional(),
    /** Only requests whose bearer token belongs to this user. */
    userId: z.string().optional(),
    /** For `status: 429`: seconds until `x-rate-limit-reset` (default 60). */
    resetInSeconds: z.number().int().min(0).optional(),
  })
  .strict();

export type FaultRuleInput = z.infer<typeof faultRuleInput>;
export type FaultRule = FaultRuleInput & { id: number; applied: number };

export const faultListInput = z.union([faultRuleInput, z.array(faultRuleInput)]);

function pathMatches(pattern: string, path: string): boolean {
  if (!pattern.includes('*')) return pattern === path;
  const a = pattern.split('/');
  const b = path.split('/');
  if (a.length !== b.length) return false;
  return a.every((seg, i) => seg === '*' || seg === b[i]);
}

export class FaultTable {
  private rules: FaultRule[] = [];
  private nextId = 1;

  add(inputs: FaultRuleInput[]): FaultRule[] {
    const added = inputs.map((r) => ({ ...r, id: this.nextId++, applied: 0 }));
    this.rules.push(...added);
    return added;
  }

  list(): FaultRule[] {
    return this.rules.map((r) => ({ ...r }));
  }

  clear(): void {
    this.rules = [];
  }

  /** The rule applying to this request, if any (consumes one use of it). */
  take(method: string, path: string, userId: string | undefined): FaultRule | undefined {
    for (const rule of this.rules) {
      if (rule.method && rule.method.toUpperCase() !== method) continue;
      if (!pathMatches(rule.path, path)) continue;
      if (rule.userId !== undefined && rule.userId !== userId) continue;
      if (rule.skip && rule.skip > 0) {
        rule.skip--;
        continue;
      }
      rule.applied++;
      if (rule.times !== undefined) {
        rule.times--;
        if (rule.times <= 0) this.rules = this.rules.filter((r) => r !== rule);
      }
      return { ...rule };
    }
    return undefined;
  }
}
