'use client';

import { useActionState, useState } from 'react';
import type { AccountView } from '@/lib/accounts/view';
import { Button, buttonStyle } from '../ui/button';

/** What disconnecting answered, in words for the person who asked. */
export interface DisconnectOutcome {
  status: 'idle' | 'done' | 'error';
  message: string;
}

export type DisconnectAction = (previous: DisconnectOutcome, form: FormData) => Promise<DisconnectOutcome>;

const initial: DisconnectOutcome = { status: 'idle', message: '' };

function ReconnectLink({ username, urgent }: { username: string; urgent: boolean }) {
  // Reconnecting is a page of its own (X's consent), so a link, dressed as the button it acts as.
  return (
    <a href="/api/accounts/connect" className={buttonStyle(urgent ? 'warning' : 'secondary')}>
      Reconnect @{username}
    </a>
  );
}

/**
 * What can be done with one account: reconnect it, or disconnect it with a confirmation in place
 * (it revokes Herald's access at X and turns the account's scheduled posts into drafts). One
 * component in every state, so the outcome of a disconnect stays on screen when the page
 * re-renders the account as disconnected.
 */
export function AccountActions({ account, disconnect }: { account: Pick<AccountView, 'id' | 'username' | 'status'>; disconnect: DisconnectAction }) {
  const [outcome, formAction, pending] = useActionState(disconnect, initial);
  const [confirming, setConfirming] = useState(false);
  const { username, status } = account;
  return (
    <div className="flex flex-col gap-2 sm:max-w-sm sm:items-end">
      {outcome.status !== 'idle' ? (
        <p role={outcome.status === 'done' ? 'status' : 'alert'} className={`text-sm sm:text-right ${outcome.status === 'done' ? 'text-slate-700' : 'text-rose-800'}`}>
          {outcome.message}
        </p>
      ) : null}
      {status === 'reconnect_needed' ? (
        <p className="text-sm text-amber-900 sm:text-right">
          X no longer accepts Herald’s access to @{username} (it was revoked or expired). Its posts can’t go out until you reconnect it; then retry
          its failed posts.
        </p>
      ) : null}
      {status === 'disconnected' ? (
        <p className="text-sm text-slate-600 sm:text-right">Herald has no access to @{username}. Its posts wait as drafts; reconnect it to schedule them again.</p>
      ) : null}
      {status !== 'active' ? <ReconnectLink username={username} urgent={status === 'reconnect_needed'} /> : null}
      {status === 'disconnected' ? null : confirming ? (
        <form action={formAction} className="flex flex-col gap-2 sm:items-end">
          <input type="hidden" name="accountId" value={account.id} />
          <p className="text-sm text-slate-700 sm:text-right">
            Disconnect @{username}? Herald’s access is revoked at X and its scheduled posts become drafts (they keep their text and time).
          </p>
          <div className="flex gap-2">
            <Button size="sm" onClick={() => setConfirming(false)}>
              Keep it
            </Button>
            <Button type="submit" size="sm" variant="destructive" disabled={pending}>
              {pending ? 'Disconnecting…' : `Disconnect @${username}`}
            </Button>
          </div>
        </form>
      ) : (
        <Button size="sm" onClick={() => setConfirming(true)}>
          Disconnect
        </Button>
      )}
    </div>
  );
}
