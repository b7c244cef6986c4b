import { sql } from 'drizzle-orm';
import { db } from './db';
import { pingRedis } from './queue';

interface Check {
  ok: boolean;
  error?: string;
}

export interface HealthReport {
  ok: boolean;
  checks: { postgres: Check; redis: Check };
}

async function check(work: () => Promise<unknown>, timeoutMs = 2_000): Promise<Check> {
  try {
    await Promise.race([work(), new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs))]);
    return { ok: true };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

export async function health(): Promise<HealthReport> {
  const [postgres, redis] = await Promise.all([
    check(() => db().execute(sql`select 1`)),
    check(pingRedis),
  ]);
  const checks = { postgres, redis };
  return { ok: postgres.ok && redis.ok, checks };
}
