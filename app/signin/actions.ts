'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { signIn } from '@/lib/auth';
import { limitSignIn } from '@/lib/rate-limit/signin';
import { RateLimited } from '@/lib/rate-limit/window';

export async function signInWithX(): Promise<void> {
  try {
    await limitSignIn((await headers()).get('x-forwarded-for'));
  } catch (error) {
    if (error instanceof RateLimited) redirect('/signin?error=TooManyAttempts');
    throw error;
  }
  await signIn('twitter', { redirectTo: '/calendar' });
}
