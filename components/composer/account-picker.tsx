'use client';

import Link from 'next/link';
import type { AccountOption } from '../calendar/types';
import { controlStyle, Field } from '../ui/field';

export interface AccountPickerProps {
  id: string;
  accounts: AccountOption[];
  value: string;
  onChange: (accountId: string) => void;
  /** A saved post stays on its account (the API cannot move it). */
  locked: boolean;
  errors: string[];
}

export function AccountPicker({ id, accounts, value, onChange, locked, errors }: AccountPickerProps) {
  // Creating: warn about every account that can't post. Editing: only about the post's own.
  const reconnect = accounts.filter((a) => a.status === 'reconnect_needed' && (!locked || a.id === value));
  if (accounts.length === 0) {
    return (
      <p className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900">
        No X account is connected yet. <Link href="/accounts" className="font-medium underline">Connect one</Link> to post.
      </p>
    );
  }
  return (
    <div>
      <Field id={id} label="Account" errors={errors}>
        {(control) => (
          <select
            {...control}
            value={value}
            onChange={(e) => onChange(e.target.value)}
            disabled={locked}
            className={`block w-full px-3 py-2 text-sm ${controlStyle(control['aria-invalid'])}`}
          >
            {value === '' ? <option value="">Choose an account</option> : null}
            {accounts.map((a) => (
              // An account that lost X's authorization can't publish: not offered for new posts.
              <option key={a.id} value={a.id} disabled={a.status === 'reconnect_needed' && a.id !== value}>
                @{a.username} · {a.name}
                {a.status === 'reconnect_needed' ? ' (reconnect needed)' : ''}
              </option>
            ))}
          </select>
        )}
      </Field>
      {reconnect.map((a) => (
        <p key={a.id} className="mt-1 text-xs text-amber-800">
          Reconnect @{a.username}: X no longer accepts Herald’s access to it.{' '}
          <Link href="/accounts" className="font-medium underline">
            Reconnect it
          </Link>{' '}
          to post from it.
        </p>
      ))}
    </div>
  );
}
