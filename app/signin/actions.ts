'use server';

import { signIn } from '@/lib/auth';

export async function signInWithX(): Promise<void> {
  await signIn('twitter', { redirectTo: '/calendar' });
}
