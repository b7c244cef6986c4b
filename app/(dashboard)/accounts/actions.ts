'use server';

import { revalidatePath } from 'next/cache';
import type { DisconnectOutcome } from '@/components/accounts/account-actions';
import type { TimeZoneFormState } from '@/components/accounts/time-zone-form';
import { disconnectAccount } from '@/lib/accounts/commands';
import { currentUser } from '@/lib/auth/session';
import { AppError } from '@/lib/errors';
import { setTimeZone, timeZoneInput } from '@/lib/users';

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

/** Disconnects one of the user's X accounts (lib/accounts/disconnect) and says what it did. */
export async function disconnect(_previous: DisconnectOutcome, form: FormData): Promise<DisconnectOutcome> {
  const user = await currentUser();
  if (!user) return { status: 'error', message: 'Your session has ended. Sign in again.' };
  const accountId = form.get('accountId');
  if (typeof accountId !== 'string' || !/^[0-9a-f-]{36}$/.test(accountId)) return { status: 'error', message: 'Unknown account.' };
  try {
    const { account, drafted, revokedAtX } = await disconnectAccount(user.id, accountId);
    revalidatePath('/accounts');
    revalidatePath('/calendar');
    const posts = drafted === 0 ? 'No scheduled post was affected.' : drafted === 1 ? '1 scheduled post became a draft.' : `${drafted} scheduled posts became drafts.`;
    const revoked = revokedAtX ? '' : ' X could not be reached to revoke Herald’s access: revoke it in X’s settings (Security → Apps and sessions).';
    return { status: 'done', message: `@${account.username} is disconnected. ${posts}${revoked}` };
  } catch (error) {
    if (error instanceof AppError) return { status: 'error', message: error.message };
    throw error;
  }
}
