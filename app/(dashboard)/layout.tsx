import Link from 'next/link';
import type { ReactNode } from 'react';
import { isAdmin } from '@/lib/accounts';
import { requirePageUser } from '@/lib/auth/session';
import { signOutAction } from './actions';

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const user = await requirePageUser();
  const admin = await isAdmin(user.id);
  return (
    <div>
      <nav className="flex items-center gap-4 border-b bg-white px-4 py-2">
        <span className="font-semibold">Herald</span>
        <Link href="/calendar">Calendar</Link>
        <Link href="/accounts">Accounts</Link>
        {admin ? <Link href="/admin">Admin</Link> : null}
        <span className="ml-auto text-sm text-slate-600">{user.name}</span>
        <form action={signOutAction}>
          <button type="submit" className="text-sm underline">Sign out</button>
        </form>
      </nav>
      <main className="p-4">{children}</main>
    </div>
  );
}
