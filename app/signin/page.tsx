import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { currentUser } from '@/lib/auth/session';
import { signInWithX } from './actions';

export const metadata: Metadata = { title: 'Sign in · Herald' };

/** Auth.js error codes worth a sentence of their own; anything else gets the generic one. */
const ERRORS: Readonly<Record<string, string>> = {
  AccessDenied: 'X did not grant Herald access. Try again and choose “Authorize app”.',
  OAuthCallbackError: 'X sent you back without completing the sign-in. Try again.',
  Configuration: 'Sign-in is not set up correctly on this server. Ask the person who runs Herald.',
  TooManyAttempts: 'Too many sign-in attempts. Wait a minute and try again.',
};

/** Never the parameter itself: anyone can send a link to /signin?error=<their words>. */
const GENERIC_ERROR = 'Sign-in did not complete. Try again.';

/** The sentence for `?error=` (given twice, it arrives as an array), or null without one. */
function errorMessage(param: string | string[] | undefined): string | null {
  if (param === undefined || param === '') return null;
  // Own keys only: `constructor` and friends are not codes.
  return typeof param === 'string' && Object.hasOwn(ERRORS, param) ? (ERRORS[param] ?? GENERIC_ERROR) : GENERIC_ERROR;
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ error?: string | string[] }> }) {
  if (await currentUser()) redirect('/calendar');
  const error = errorMessage((await searchParams).error);
  return (
    <main className="flex min-h-[calc(100vh-2rem)] items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 flex flex-col items-center text-center">
          <span aria-hidden="true" className="mb-4 grid size-12 place-items-center rounded-2xl bg-slate-900 text-xl font-semibold text-white shadow-sm">
            H
          </span>
          <h1 className="text-2xl font-semibold tracking-tight">Herald</h1>
          <p className="mt-2 text-slate-600">Write your posts when you have the ideas. Herald publishes them on X when your audience is there.</p>
        </div>
        <div className="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm">
          {error ? (
            <p role="alert" className="mb-4 rounded-lg bg-rose-50 px-3 py-2 text-sm text-rose-800">
              {error}
            </p>
          ) : null}
          <form action={signInWithX}>
            <button
              type="submit"
              className="flex w-full items-center justify-center gap-2 rounded-lg bg-slate-900 px-4 py-2.5 font-medium text-white hover:bg-slate-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-slate-900"
            >
              Sign in with X
            </button>
          </form>
          <ul className="mt-5 space-y-1.5 text-sm text-slate-600">
            <li>· Schedule posts and threads on a calendar</li>
            <li>· Publish to several X accounts</li>
            <li>· See what went out, and retry what didn’t</li>
          </ul>
        </div>
        <p className="mt-6 text-center text-xs text-slate-500">Herald asks X for permission to read your profile and post on your behalf. You can revoke it in X’s settings at any time.</p>
      </div>
    </main>
  );
}
