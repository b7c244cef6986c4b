import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { db } from './db';
import { users } from './db/schema';

export const timeZoneInput = z
  .string()
  .refine((tz) => Intl.supportedValuesOf('timeZone').includes(tz) || tz === 'UTC', 'Unknown time zone');

/** The user's chosen zone, or null to follow the browser's. */
export async function getTimeZone(userId: string): Promise<string | null> {
  const [row] = await db().select({ timeZone: users.timeZone }).from(users).where(eq(users.id, userId));
  return row?.timeZone ?? null;
}

export async function setTimeZone(userId: string, timeZone: string | null): Promise<void> {
  await db().update(users).set({ timeZone }).where(eq(users.id, userId));
}
