'use client';

import { useEffect, useId, useRef, useState } from 'react';
import type { PostStatus } from '@/lib/db/schema';
import type { AccountOption } from '../calendar/types';
import { STATUS_CLASSES } from '../status-badge';
import { EMPTY_FILTER, isFiltered, POST_STATUSES, SEARCH_MAX, type PostsFilter } from './filter';

/** Long enough to type a word without a request per letter, short enough to feel live. */
const SEARCH_DEBOUNCE_MS = 350;

const control = 'rounded-lg border border-slate-300 bg-white px-2.5 py-1.5 text-sm text-slate-900 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-slate-900';
const chip = 'rounded-full px-2.5 py-1 text-xs font-medium ring-1 ring-inset focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-slate-900';

/** `list` with `item` added, or taken out when it is there. */
const toggle = <T,>(list: readonly T[], item: T): T[] => (list.includes(item) ? list.filter((x) => x !== item) : [...list, item]);

/** A real date for the API: partial typing in a date field (year 0002, …) is not sent. */
const usableDate = (value: string) => value === '' || /^(19[7-9]\d|[2-9]\d{3})-\d{2}-\d{2}$/.test(value);

export interface PostsFiltersProps {
  filter: PostsFilter;
  accounts: AccountOption[];
  /** A new filter: the page writes it to the address, which is where the list reads it from. */
  onChange: (next: PostsFilter) => void;
}

/** Search, status, account, date range and order of the posts list; every change goes to the address. */
export function PostsFilters({ filter, accounts, onChange }: PostsFiltersProps) {
  const ids = useId();
  return (
    <section aria-label="Filters" className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <SearchBox id={`${ids}-q`} filter={filter} onChange={onChange} />
      <div role="group" aria-label="Status" className="flex flex-wrap items-center gap-1.5">
        <span aria-hidden="true" className="mr-1 text-xs font-medium text-slate-600">
          Status
        </span>
        {POST_STATUSES.map((status) => (
          <StatusChip key={status} status={status} pressed={filter.statuses.includes(status)} onToggle={() => onChange({ ...filter, statuses: toggle(filter.statuses, status) })} />
        ))}
      </div>
      {accounts.length > 1 ? (
        <div role="group" aria-label="Account" className="flex flex-wrap items-center gap-1.5">
          <span aria-hidden="true" className="mr-1 text-xs font-medium text-slate-600">
            Account
          </span>
          {accounts.map((account) => {
            const pressed = filter.accounts.includes(account.id);
            return (
              <button
                key={account.id}
                type="button"
                aria-pressed={pressed}
                onClick={() => onChange({ ...filter, accounts: toggle(filter.accounts, account.id) })}
                className={`${chip} ${pressed ? 'bg-slate-900 text-white ring-slate-900' : 'bg-white text-slate-700 ring-slate-300 hover:bg-slate-50'}`}
              >
                @{account.username}
              </button>
            );
          })}
        </div>
      ) : null}
      <div className="flex flex-wrap items-end gap-3">
        <DateField id={`${ids}-from`} label="From" value={filter.from} max={filter.to} onCommit={(from) => onChange({ ...filter, from })} />
        <DateField id={`${ids}-to`} label="To" value={filter.to} min={filter.from} onCommit={(to) => onChange({ ...filter, to })} />
        <div className="flex flex-col gap-1">
          <label htmlFor={`${ids}-order`} className="text-xs font-medium text-slate-600">
            Order
          </label>
          <select id={`${ids}-order`} value={filter.order} onChange={(e) => onChange({ ...filter, order: e.target.value === 'asc' ? 'asc' : 'desc' })} className={control}>
            <option value="desc">Latest first</option>
            <option value="asc">Earliest first</option>
          </select>
        </div>
        {isFiltered(filter) ? (
          <button
            type="button"
            onClick={() => onChange({ ...EMPTY_FILTER, order: filter.order })}
            className="rounded-md px-2 py-1.5 text-sm text-slate-600 underline underline-offset-2 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-slate-900"
          >
            Clear filters
          </button>
        ) : null}
      </div>
    </section>
  );
}

function StatusChip({ status, pressed, onToggle }: { status: PostStatus; pressed: boolean; onToggle: () => void }) {
  return (
    <button
      type="button"
      aria-pressed={pressed}
      onClick={onToggle}
      className={`${chip} ${pressed ? `${STATUS_CLASSES[status]} ring-2` : 'bg-white text-slate-600 ring-slate-300 hover:bg-slate-50'}`}
    >
      {pressed ? <span aria-hidden="true">✓ </span> : null}
      {status}
    </button>
  );
}

/**
 * The search: sent to the address a moment after typing stops, or at once with Enter. What the
 * address says wins when it changes from elsewhere (back, forward, Clear filters); the echo of
 * what this box itself sent does not overwrite what was typed since.
 */
function SearchBox({ id, filter, onChange }: { id: string; filter: PostsFilter; onChange: (next: PostsFilter) => void }) {
  const [text, setText] = useState(filter.q);
  const [seen, setSeen] = useState(filter.q);
  const [sent, setSent] = useState<string | null>(null);
  if (filter.q !== seen) {
    setSeen(filter.q);
    if (filter.q === sent) setSent(null);
    else setText(filter.q);
  }

  const words = text.trim();
  useEffect(() => {
    if (words === filter.q) return;
    const timer = window.setTimeout(() => {
      setSent(words);
      onChange({ ...filter, q: words });
    }, SEARCH_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [words, filter, onChange]);

  return (
    <form
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        if (words === filter.q) return;
        setSent(words);
        onChange({ ...filter, q: words });
      }}
      className="flex flex-col gap-1"
    >
      <label htmlFor={id} className="text-xs font-medium text-slate-600">
        Search posts
      </label>
      <input
        id={id}
        type="search"
        value={text}
        maxLength={SEARCH_MAX}
        placeholder="Words in any post of a thread"
        onChange={(e) => setText(e.target.value)}
        className={`${control} w-full`}
      />
    </form>
  );
}

/**
 * A day in the user's zone. Uncontrolled, so partial typing is left alone (and focus stays); when
 * the address changes from elsewhere (back, Clear filters) the field is set to what it says.
 */
function DateField({ id, label, value, min, max, onCommit }: { id: string; label: string; value: string | null; min?: string | null; max?: string | null; onCommit: (date: string | null) => void }) {
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (input.current && input.current.value !== (value ?? '')) input.current.value = value ?? '';
  }, [value]);
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-xs font-medium text-slate-600">
        {label}
      </label>
      <input
        ref={input}
        id={id}
        type="date"
        defaultValue={value ?? ''}
        min={min ?? undefined}
        max={max ?? undefined}
        onChange={(e) => {
          const next = e.target.value;
          if (usableDate(next) && (next || null) !== value) onCommit(next || null);
        }}
        className={control}
      />
    </div>
  );
}
