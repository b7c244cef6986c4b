import type { AccountView } from '@/lib/accounts';
import { UserAvatar } from '../user-avatar';
import { DisconnectButton, type DisconnectOutcome } from './disconnect-button';

const BADGES = {
  active: { text: 'Active', style: 'bg-emerald-50 text-emerald-800 ring-emerald-300' },
  reconnect_needed: { text: 'Reconnect needed', style: 'bg-amber-50 text-amber-800 ring-amber-300' },
  disconnected: { text: 'Disconnected', style: 'bg-slate-100 text-slate-700 ring-slate-300' },
} as const;

/** One connected X account. Reconnecting runs X's consent again for that account. */
export function AccountCard({ account, disconnect }: { account: AccountView; disconnect: (previous: DisconnectOutcome, form: FormData) => Promise<DisconnectOutcome> }) {
  const needsReconnect = account.status === 'reconnect_needed';
  const badge = BADGES[account.status];
  return (
    <li className={`flex flex-col gap-3 rounded-xl border bg-white p-4 sm:flex-row sm:items-center ${needsReconnect ? 'border-amber-300' : 'border-slate-200'}`}>
      <div className="flex min-w-0 flex-1 items-center gap-3">
        <UserAvatar src={account.avatarUrl} name={account.name} size={44} />
        <div className="min-w-0">
          <p className="truncate font-medium text-slate-900">{account.name}</p>
          <p className="truncate text-sm text-slate-500">@{account.username}</p>
        </div>
        <span className={`ml-auto shrink-0 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset sm:ml-3 ${badge.style}`}>{badge.text}</span>
      </div>
      {needsReconnect ? (
        <div className="flex flex-col gap-2 sm:max-w-sm sm:items-end">
          <p className="text-sm text-amber-900 sm:text-right">
            X no longer accepts Herald’s access to @{account.username} (it was revoked or expired). Its posts can’t go out until you
            reconnect it; then retry its failed posts.
          </p>
          <a href="/api/accounts/connect" className="rounded-lg bg-amber-500 px-3.5 py-2 text-sm font-medium text-amber-950 hover:bg-amber-400">
            Reconnect @{account.username}
          </a>
          <DisconnectButton accountId={account.id} username={account.username} action={disconnect} />
        </div>
      ) : account.status === 'disconnected' ? (
        <div className="flex flex-col gap-2 sm:max-w-sm sm:items-end">
          <p className="text-sm text-slate-600 sm:text-right">Herald has no access to @{account.username}. Its posts wait as drafts; reconnect it to schedule them again.</p>
          <a href="/api/accounts/connect" className="rounded-lg bg-white px-3.5 py-2 text-sm font-medium text-slate-800 ring-1 ring-slate-200 hover:bg-slate-50">
            Reconnect @{account.username}
          </a>
        </div>
      ) : (
        <DisconnectButton accountId={account.id} username={account.username} action={disconnect} />
      )}
    </li>
  );
}
