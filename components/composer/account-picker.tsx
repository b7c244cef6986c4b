'use client';

import Link from 'next/link';
import type { AccountOption } from '../calendar/types';
import { ErrorList } from '../ui/error-list';
import { UserAvatar } from '../user-avatar';

export interface AccountPickerProps {
  id: string;
  accounts: AccountOption[];
  /** The picked accounts, in the order the posts are shown. */
  value: string[];
  onChange: (accountIds: string[]) => void;
  /** Saved posts stay on their accounts (the API cannot move one). */
  locked: boolean;
  errors: string[];
}

/**
 * Which accounts to post from: one post per picked account, kept together as a group. Checkboxes,
 * so picking several is as plain as picking one.
 */
export function AccountPicker({ id, accounts, value, onChange, locked, errors }: AccountPickerProps) {
  // Creating: warn about every account that can't post. Editing: only about the posts' own.
  const reconnect = accounts.filter((a) => a.status === 'reconnect_needed' && (!locked || value.includes(a.id)));
  if (accounts.length === 0) {
    return (
      <p className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900">
        No X account is connected yet. <Link href="/accounts" className="font-medium underline">Connect one</Link> to post.
      </p>
    );
  }
  const errorId = `${id}-error`;
  const shown = locked ? accounts.filter((a) => value.includes(a.id)) : accounts;
  // Keep the picked order the order of the accounts list, whatever order they were ticked in.
  const toggle = (accountId: string, on: boolean) => onChange(accounts.filter((a) => (a.id === accountId ? on : value.includes(a.id))).map((a) => a.id));
  return (
    <fieldset aria-describedby={errors.length > 0 ? errorId : undefined}>
      <legend className="mb-1 text-sm font-medium text-slate-800">{locked ? (value.length > 1 ? 'Accounts' : 'Account') : 'Post from'}</legend>
      <div className="flex flex-wrap gap-2">
        {shown.map((a) => {
          const picked = value.includes(a.id);
          // An account that lost X's authorization can't publish: not offered for new posts.
          const unavailable = a.status === 'reconnect_needed' && !picked;
          return (
            <label
              key={a.id}
              className={`flex items-center gap-2 rounded-full border py-1 pr-3 pl-1.5 text-sm ${picked ? 'border-sky-300 bg-sky-50 text-sky-950' : 'border-slate-200 bg-white text-slate-700'} ${
                unavailable || locked ? 'opacity-80' : 'cursor-pointer hover:border-sky-300'
              }`}
            >
              <input
                type="checkbox"
                className="ml-1 size-4 accent-sky-600"
                checked={picked}
                disabled={locked || unavailable}
                onChange={(e) => toggle(a.id, e.target.checked)}
                aria-label={`@${a.username}`}
              />
              <UserAvatar src={a.avatarUrl} name={a.name} size={24} />
              <span>
                @{a.username}
                <span className="text-slate-600"> · {a.name}</span>
                {a.status === 'reconnect_needed' ? <span className="text-amber-800"> (reconnect needed)</span> : null}
              </span>
            </label>
          );
        })}
      </div>
      {!locked && value.length === 0 ? <p className="mt-1 text-xs text-slate-600">Pick at least one account.</p> : null}
      {!locked && value.length > 1 ? (
        <p className="mt-1 text-xs text-slate-600">One post per account, kept together. X refuses identical posts from several accounts, so give each its own wording.</p>
      ) : null}
      <ErrorList id={errorId} messages={errors} />
      {reconnect.map((a) => (
        <p key={a.id} className="mt-1 text-xs text-amber-800">
          Reconnect @{a.username}: X no longer accepts Herald’s access to it.{' '}
          <Link href="/accounts" className="font-medium underline">
            Reconnect it
          </Link>{' '}
          to post from it.
        </p>
      ))}
    </fieldset>
  );
}
