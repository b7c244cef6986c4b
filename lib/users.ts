import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { db } from './db';
import { users } from './db/schema';

/** Any zone the runtime can format in (its canonical list omits aliases such as UTC or Asia/Kolkata). */
function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const timeZoneInput = z.string().min(1).refine(isTimeZone, 'Unknown time zone');

/** The user's chosen zone, or null to follow the browser's. */
export async function getTimeZone(userId: string): Promise<string | null> {
  const [row] = await db().select({ timeZone: users.timeZone }).from(users).where(eq(users.id, userId));
  return row?.timeZone ?? null;
}

export async function setTimeZone(userId: string, timeZone: string | null): Promise<void> {
  await db().update(users).set({ timeZone }).where(eq(users.id, userId));
}
