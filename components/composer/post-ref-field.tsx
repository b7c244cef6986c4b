'use client';

import { ErrorList } from '../ui/error-list';
import { controlStyle } from '../ui/field';
import { postRefState } from './part-kinds';

export interface PostRefFieldProps {
  id: string;
  /** "Quoted post" or "Replying to". */
  label: string;
  value: string;
  readOnly: boolean;
  /** The API's messages about this field. */
  errors: string[];
  onChange: (value: string) => void;
  /** Takes the quote or reply away (the field closes). */
  onRemove?: () => void;
  /** The name of the remove button ("Remove quote"). */
  removeLabel: string;
}

/**
 * A post named by its link on X or its id: checked as it is typed with the rule the API uses
 * (lib/x/rules parsePostRef), showing the id it found or why it found none.
 */
export function PostRefField({ id, label, value, readOnly, errors, onChange, onRemove, removeLabel }: PostRefFieldProps) {
  const state = postRefState(value);
  const noteId = `${id}-note`;
  const errorId = `${id}-error`;
  // The live check says the same as the API would: shown once, not twice.
  const messages = state.kind === 'invalid' ? [state.message, ...errors.filter((m) => m !== state.message)] : errors;
  const invalid = messages.length > 0;
  return (
    <div className="rounded-lg border border-slate-200 bg-slate-50/60 p-2">
      <div className="flex items-baseline justify-between gap-2">
        <label htmlFor={id} className="text-xs font-medium text-slate-700">
          {label}
        </label>
        {onRemove && !readOnly ? (
          <button type="button" onClick={onRemove} className="rounded px-1.5 py-0.5 text-xs font-medium text-slate-500 hover:bg-rose-50 hover:text-rose-700 focus-visible:outline-2 focus-visible:outline-slate-900">
            {removeLabel}
          </button>
        ) : null}
      </div>
      <input
        id={id}
        type="text"
        inputMode="url"
        autoComplete="off"
        spellCheck={false}
        value={value}
        readOnly={readOnly}
        onChange={(e) => onChange(e.target.value)}
        placeholder="https://x.com/user/status/1234567890 or the post’s id"
        aria-invalid={invalid}
        aria-describedby={[state.kind === 'id' ? noteId : null, invalid ? errorId : null].filter(Boolean).join(' ') || undefined}
        className={`mt-1 block w-full px-2 py-1 text-sm placeholder:text-slate-400 ${controlStyle(invalid)}`}
      />
      {state.kind === 'id' ? (
        <p id={noteId} className="mt-1 text-xs text-slate-600">
          Post <span className="font-mono tabular-nums">{state.id}</span>
        </p>
      ) : null}
      <ErrorList id={errorId} messages={messages} small />
    </div>
  );
}
