'use client';

import { useActionState, useState } from 'react';

/** What disconnecting answered, in words for the person who asked. */
export interface DisconnectOutcome {
  status: 'idle' | 'done' | 'error';
  message: string;
}

const initial: DisconnectOutcome = { status: 'idle', message: '' };

/**
 * Disconnect, with a confirmation in place (no browser dialog): it revokes Herald's access at X
 * and turns the account's scheduled posts into drafts, which is worth a second click.
 */
export function DisconnectButton({ accountId, username, action }: { accountId: string; username: string; action: (previous: DisconnectOutcome, form: FormData) => Promise<DisconnectOutcome> }) {
  const [state, formAction, pending] = useActionState(action, initial);
  const [confirming, setConfirming] = useState(false);
  if (state.status === 'done') {
    return (
      <p role="status" className="text-sm text-slate-700 sm:max-w-sm sm:text-right">
        {state.message}
      </p>
    );
  }
  return (
    <div className="flex flex-col gap-2 sm:max-w-sm sm:items-end">
      {state.status === 'error' ? (
        <p role="alert" className="text-sm text-rose-800 sm:text-right">
          {state.message}
        </p>
      ) : null}
      {confirming ? (
        <form action={formAction} className="flex flex-col gap-2 sm:items-end">
          <input type="hidden" name="accountId" value={accountId} />
          <p className="text-sm text-slate-700 sm:text-right">
            Disconnect @{username}? Herald’s access is revoked at X and its scheduled posts become drafts (they keep their text and time).
          </p>
          <div className="flex gap-2">
            <button type="button" onClick={() => setConfirming(false)} className="rounded-lg px-3 py-1.5 text-sm font-medium text-slate-700 ring-1 ring-slate-200 hover:bg-slate-50">
              Keep it
            </button>
            <button type="submit" disabled={pending} className="rounded-lg bg-rose-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-rose-500 disabled:opacity-60">
              {pending ? 'Disconnecting…' : `Disconnect @${username}`}
            </button>
          </div>
        </form>
      ) : (
        <button type="button" onClick={() => setConfirming(true)} className="rounded-lg px-3 py-1.5 text-sm font-medium text-slate-600 ring-1 ring-slate-200 hover:bg-slate-50 hover:text-slate-900">
          Disconnect
        </button>
      )}
    </div>
  );
}
