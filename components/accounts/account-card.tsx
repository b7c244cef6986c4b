import type { AccountView } from '@/lib/accounts/view';
import Link from 'next/link';
import { buttonStyle } from '../ui/button';
import { UserAvatar } from '../user-avatar';
import { AccountActions, type DisconnectAction } from './account-actions';

const BADGES = {
  active: { text: 'Active', style: 'bg-emerald-50 text-emerald-800 ring-emerald-300', border: 'border-slate-200' },
  reconnect_needed: { text: 'Reconnect needed', style: 'bg-amber-50 text-amber-800 ring-amber-300', border: 'border-amber-300' },
  disconnected: { text: 'Disconnected', style: 'bg-slate-100 text-slate-700 ring-slate-300', border: 'border-slate-200' },
} as const;

/** One connected X account. Reconnecting runs X's consent again for that account. */
export function AccountCard({ account, disconnect }: { account: AccountView; disconnect: DisconnectAction }) {
  const badge = BADGES[account.status];
  return (
    <li className={`flex flex-col gap-3 rounded-xl border bg-white p-4 sm:flex-row sm:items-center ${badge.border}`}>
      <div className="flex min-w-0 flex-1 items-center gap-3">
        <UserAvatar src={account.avatarUrl} name={account.name} size={44} />
        <div className="min-w-0">
          <p className="truncate font-medium text-slate-900">{account.name}</p>
          <p className="truncate text-sm text-slate-500">@{account.username}</p>
        </div>
        <span className={`ml-auto shrink-0 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset sm:ml-3 ${badge.style}`}>{badge.text}</span>
      </div>
      <div className="flex flex-col gap-2 sm:flex-row sm:items-start">
        <Link href={`/accounts/${encodeURIComponent(account.id)}/queue`} aria-label={`Queue for @${account.username}`} className={buttonStyle('secondary', 'sm')}>
          Queue
        </Link>
        <AccountActions account={account} disconnect={disconnect} />
      </div>
    </li>
  );
}
