'use client';

import type { PostStatus } from '@/lib/db/schema';
import { POST_STATUSES } from './calendar-url';
import type { AccountOption } from './types';

export interface CalendarFiltersProps {
  accounts: AccountOption[];
  /** Chosen account ids and statuses; empty means all. */
  selectedAccounts: string[];
  selectedStatuses: PostStatus[];
  onChange: (change: { accounts?: string[]; statuses?: PostStatus[] }) => void;
}

const chip =
  'inline-flex cursor-pointer items-center gap-1.5 rounded-full px-2.5 py-1 text-xs font-medium ring-1 ring-inset ring-slate-200 text-slate-700 hover:bg-slate-50 has-[:checked]:bg-slate-900 has-[:checked]:text-white has-[:checked]:ring-slate-900 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-slate-900';

function toggle<T>(list: readonly T[], item: T, on: boolean): T[] {
  return on ? [...list, item] : list.filter((x) => x !== item);
}

/**
 * Which posts the calendar shows: by account and by status. Plain checkboxes (Tab and Space
 * work, a screen reader says what each is), styled as chips; none ticked in a group means all.
 */
export function CalendarFilters({ accounts, selectedAccounts, selectedStatuses, onChange }: CalendarFiltersProps) {
  const active = selectedAccounts.length > 0 || selectedStatuses.length > 0;
  return (
    <div className="flex flex-wrap items-start gap-x-4 gap-y-2">
      {accounts.length > 1 ? (
        <fieldset className="flex flex-wrap items-center gap-1.5">
          <legend className="float-left mr-1 text-xs font-medium text-slate-500">Accounts</legend>
          {accounts.map((account) => (
            <label key={account.id} className={chip}>
              <input
                type="checkbox"
                className="sr-only"
                checked={selectedAccounts.includes(account.id)}
                onChange={(e) => onChange({ accounts: toggle(selectedAccounts, account.id, e.target.checked) })}
              />
              @{account.username}
            </label>
          ))}
        </fieldset>
      ) : null}
      <fieldset className="flex flex-wrap items-center gap-1.5">
        <legend className="float-left mr-1 text-xs font-medium text-slate-500">Status</legend>
        {POST_STATUSES.map((status) => (
          <label key={status} className={chip}>
            <input
              type="checkbox"
              className="sr-only"
              checked={selectedStatuses.includes(status)}
              onChange={(e) => onChange({ statuses: toggle(selectedStatuses, status, e.target.checked) })}
            />
            {status}
          </label>
        ))}
      </fieldset>
      {active ? (
        <button
          type="button"
          onClick={() => onChange({ accounts: [], statuses: [] })}
          className="rounded-md px-2 py-1 text-xs font-medium text-slate-700 underline underline-offset-2 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-slate-900"
        >
          Clear filters
        </button>
      ) : null}
    </div>
  );
}
