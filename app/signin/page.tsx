import { redirect } from 'next/navigation';
import { currentUser } from '@/lib/auth/session';
import { signInWithX } from './actions';

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  if (await currentUser()) redirect('/calendar');
  const { error } = await searchParams;
  return (
    <main className="mx-auto mt-24 max-w-sm rounded-lg bg-white p-8 shadow">
      <h1 className="mb-2 text-2xl font-semibold">Herald</h1>
      <p className="mb-6 text-slate-600">Draft, schedule and publish your posts on X.</p>
      {error ? <p role="alert" className="mb-4 text-sm text-red-700">Sign-in did not complete ({error}). Try again.</p> : null}
      <form action={signInWithX}>
        <button type="submit" className="w-full rounded bg-slate-900 px-4 py-2 font-medium text-white hover:bg-slate-700">
          Sign in with X
        </button>
      </form>
    </main>
  );
}
