'use server';

import { revalidatePath } from 'next/cache';
import { currentUser } from '@/lib/auth/session';
import { setTimeZone, timeZoneInput } from '@/lib/users';

export interface TimeZoneFormState {
  status: 'idle' | 'saved' | 'error';
  message: string;
}

/** Saves the calendar's time zone; an empty value means "follow the browser". */
export async function saveTimeZone(_previous: TimeZoneFormState, form: FormData): Promise<TimeZoneFormState> {
  const user = await currentUser();
  if (!user) return { status: 'error', message: 'Your session has ended. Sign in again.' };
  const raw = form.get('timeZone');
  if (typeof raw !== 'string') return { status: 'error', message: 'Choose a time zone.' };
  let zone: string | null = null;
  if (raw !== '') {
    const parsed = timeZoneInput.safeParse(raw);
    if (!parsed.success) return { status: 'error', message: parsed.error.issues[0]?.message ?? 'Unknown time zone' };
    zone = parsed.data;
  }
  await setTimeZone(user.id, zone);
  revalidatePath('/accounts');
  revalidatePath('/calendar');
  return { status: 'saved', message: zone ? `Saved. Herald shows times in ${zone}.` : 'Saved. Herald shows times in your browser’s zone.' };
}
