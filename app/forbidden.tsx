import Link from 'next/link';

export default function Forbidden() {
  return (
    <main className="mx-auto mt-24 max-w-md px-4 text-center">
      <p className="text-sm font-semibold text-slate-500">403</p>
      <h1 className="mt-1 text-2xl font-semibold tracking-tight">Forbidden</h1>
      <p className="mt-2 text-slate-600">This page is for Herald&apos;s admins only.</p>
      <Link href="/calendar" className="mt-6 inline-block rounded-lg bg-slate-900 px-4 py-2 text-sm font-medium text-white hover:bg-slate-700">
        Back to the calendar
      </Link>
    </main>
  );
}
