import type { AccountView } from '@/lib/accounts';
import { UserAvatar } from '../user-avatar';

/** One connected X account. Reconnecting runs X's consent again for that account. */
export function AccountCard({ account }: { account: AccountView }) {
  const needsReconnect = account.status === 'reconnect_needed';
  return (
    <li className={`flex flex-col gap-3 rounded-xl border bg-white p-4 sm:flex-row sm:items-center ${needsReconnect ? 'border-amber-300' : 'border-slate-200'}`}>
      <div className="flex min-w-0 flex-1 items-center gap-3">
        <UserAvatar src={account.avatarUrl} name={account.name} size={44} />
        <div className="min-w-0">
          <p className="truncate font-medium text-slate-900">{account.name}</p>
          <p className="truncate text-sm text-slate-500">@{account.username}</p>
        </div>
        <span
          className={`ml-auto shrink-0 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset sm:ml-3 ${
            needsReconnect ? 'bg-amber-50 text-amber-800 ring-amber-300' : 'bg-emerald-50 text-emerald-800 ring-emerald-300'
          }`}
        >
          {needsReconnect ? 'Reconnect needed' : 'Active'}
        </span>
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
        </div>
      ) : null}
    </li>
  );
}
