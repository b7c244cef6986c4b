import Link from 'next/link';
import type { ReactNode } from 'react';
import { DraftScopeProvider } from '@/components/composer/draft-scope';
import { NavLinks, type NavItem } from '@/components/nav-links';
import { NotificationBell } from '@/components/notifications/bell';
import { ToastProvider } from '@/components/ui/toast';
import { UserAvatar } from '@/components/user-avatar';
import { listAccounts } from '@/lib/accounts/queries';
import { isAdmin } from '@/lib/auth/admins';
import { requirePageUser } from '@/lib/auth/session';
import { signOutAction } from './actions';

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const user = await requirePageUser();
  const [admin, accounts] = await Promise.all([isAdmin(user.id), listAccounts(user.id)]);
  // The queue is per account: the nav goes to the first one's (the accounts page links each).
  const queueAccount = accounts.find((a) => a.status === 'active') ?? accounts[0];
  const items: NavItem[] = [
    { href: '/calendar', label: 'Calendar' },
    { href: '/posts', label: 'Posts' },
    ...(queueAccount ? [{ href: `/accounts/${encodeURIComponent(queueAccount.id)}/queue`, label: 'Queue' }] : []),
    { href: '/accounts', label: 'Accounts' },
    { href: '/settings', label: 'Settings' },
    ...(admin ? [{ href: '/admin', label: 'Admin' }] : []),
  ];
  return (
    <div className="min-h-screen">
      <header className="sticky top-0 z-20 border-b border-slate-200 bg-white/90 backdrop-blur">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-2.5">
          <Link href="/calendar" className="flex items-center gap-2 text-base font-semibold tracking-tight text-slate-900">
            <span aria-hidden="true" className="grid size-7 place-items-center rounded-lg bg-slate-900 text-sm text-white">
              H
            </span>
            Herald
          </Link>
          {/* On a phone the nav takes a row of its own under the brand and account controls, its links wrapping if they must. */}
          <nav aria-label="Main" className="order-last w-full overflow-x-auto sm:order-none sm:w-auto">
            <NavLinks items={items} />
          </nav>
          <div className="ml-auto flex items-center gap-3">
            <NotificationBell />
            <span className="flex items-center gap-2 text-sm text-slate-700">
              <UserAvatar src={user.image} name={user.name} size={28} />
              <span className="hidden sm:inline">{user.name ?? 'Signed in'}</span>
            </span>
            <form action={signOutAction}>
              <button
                type="submit"
                className="rounded-md px-2.5 py-1.5 text-sm font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900"
              >
                Sign out
              </button>
            </form>
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-7xl px-4 py-6">
        {/* Whose drafts the composer keeps in this browser. */}
        <DraftScopeProvider userId={user.id}>
          {/* One toast for the whole dashboard: what was just done, with its Undo. */}
          <ToastProvider>{children}</ToastProvider>
        </DraftScopeProvider>
      </main>
    </div>
  );
}
