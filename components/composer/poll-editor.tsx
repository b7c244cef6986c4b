'use client';

import { optionLength, POLL_MAX_OPTIONS, POLL_MIN_OPTIONS, POLL_OPTION_MAX_LENGTH, type PollSpec } from '@/lib/x/rules';
import { ErrorList } from '../ui/error-list';
import { controlStyle } from '../ui/field';
import { joinDuration, splitDuration, type PollDuration } from './part-kinds';

export interface PollEditorProps {
  id: string;
  poll: PollSpec;
  readOnly: boolean;
  /** The API's messages by field below the poll: `poll`, `poll.options`, `poll.options.N`, `poll.durationMinutes`. */
  errors: Record<string, string[]>;
  onOption: (index: number, text: string) => void;
  onAddOption: () => void;
  onRemoveOption: (index: number) => void;
  onDuration: (minutes: number) => void;
  onRemove: () => void;
}

const UNITS: { unit: keyof PollDuration; label: string; max: number }[] = [
  { unit: 'days', label: 'Days', max: 7 },
  { unit: 'hours', label: 'Hours', max: 23 },
  { unit: 'minutes', label: 'Minutes', max: 59 },
];

const range = (max: number) => Array.from({ length: max + 1 }, (_, i) => i);

/** A part's poll: 2 to 4 options with a live count each, and how long it stays open (5 minutes to 7 days). */
export function PollEditor({ id, poll, readOnly, errors, onOption, onAddOption, onRemoveOption, onDuration, onRemove }: PollEditorProps) {
  const duration = splitDuration(poll.durationMinutes);
  const general = [...(errors['poll'] ?? []), ...(errors['poll.options'] ?? [])];
  const durationErrors = errors['poll.durationMinutes'] ?? [];
  return (
    <fieldset className="rounded-lg border border-slate-200 bg-slate-50/60 p-2" aria-describedby={general.length > 0 ? `${id}-error` : undefined}>
      <div className="flex items-baseline justify-between gap-2">
        <legend className="float-left text-xs font-medium text-slate-700">Poll</legend>
        {!readOnly ? (
          <button type="button" onClick={onRemove} className="rounded px-1.5 py-0.5 text-xs font-medium text-slate-500 hover:bg-rose-50 hover:text-rose-700 focus-visible:outline-2 focus-visible:outline-slate-900">
            Remove poll
          </button>
        ) : null}
      </div>
      <ol className="clear-both mt-1 flex flex-col gap-1.5">
        {poll.options.map((option, index) => {
          const optionId = `${id}-option-${index}`;
          const length = optionLength(option);
          const over = length > POLL_OPTION_MAX_LENGTH;
          const messages = errors[`poll.options.${index}`] ?? [];
          return (
            <li key={index}>
              <div className="flex items-center gap-2">
                <label htmlFor={optionId} className="w-16 shrink-0 text-xs text-slate-600">
                  Option {index + 1}
                </label>
                <input
                  id={optionId}
                  type="text"
                  value={option}
                  readOnly={readOnly}
                  onChange={(e) => onOption(index, e.target.value)}
                  placeholder={index < POLL_MIN_OPTIONS ? 'Required' : 'Optional'}
                  aria-invalid={over || messages.length > 0}
                  aria-describedby={[`${optionId}-count`, messages.length > 0 ? `${optionId}-error` : null].filter(Boolean).join(' ')}
                  className={`block min-w-0 flex-1 px-2 py-1 text-sm placeholder:text-slate-400 ${controlStyle(over || messages.length > 0)}`}
                />
                <span id={`${optionId}-count`} className={`w-12 shrink-0 text-right text-xs tabular-nums ${over ? 'font-semibold text-rose-600' : 'text-slate-500'}`}>
                  {length}/{POLL_OPTION_MAX_LENGTH}
                  <span className="sr-only">{over ? ' characters: over X’s limit' : ' characters'}</span>
                </span>
                {!readOnly ? (
                  <button
                    type="button"
                    onClick={() => onRemoveOption(index)}
                    disabled={poll.options.length <= POLL_MIN_OPTIONS}
                    title={poll.options.length <= POLL_MIN_OPTIONS ? `A poll has at least ${POLL_MIN_OPTIONS} options` : undefined}
                    aria-label={`Remove option ${index + 1}`}
                    className="shrink-0 rounded px-1.5 py-0.5 text-xs font-medium text-slate-500 hover:bg-rose-50 hover:text-rose-700 focus-visible:outline-2 focus-visible:outline-slate-900 disabled:text-slate-300 disabled:hover:bg-transparent"
                  >
                    ×
                  </button>
                ) : null}
              </div>
              <ErrorList id={`${optionId}-error`} messages={messages} small className="ml-18" />
            </li>
          );
        })}
      </ol>
      {!readOnly && poll.options.length < POLL_MAX_OPTIONS ? (
        <button type="button" onClick={onAddOption} className="mt-1 ml-16 rounded px-2 py-0.5 text-xs font-medium text-sky-700 hover:bg-sky-50 focus-visible:outline-2 focus-visible:outline-slate-900">
          <span aria-hidden="true">+ </span>Add option
        </button>
      ) : null}
      <fieldset className="mt-2 flex flex-wrap items-center gap-2" aria-describedby={durationErrors.length > 0 ? `${id}-duration-error` : undefined}>
        <legend className="float-left mr-1 text-xs text-slate-600">Poll length</legend>
        {UNITS.map(({ unit, label, max }) => (
          <label key={unit} className="flex items-center gap-1 text-xs text-slate-600">
            <select
              value={duration[unit]}
              disabled={readOnly}
              aria-label={`Poll length: ${label.toLowerCase()}`}
              onChange={(e) => onDuration(joinDuration({ ...duration, [unit]: Number(e.target.value) }))}
              className={`px-1 py-0.5 text-sm ${controlStyle(durationErrors.length > 0)}`}
            >
              {range(max).map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
            <span aria-hidden="true">{label.toLowerCase()}</span>
          </label>
        ))}
        <span className="text-xs text-slate-500">5 minutes to 7 days</span>
      </fieldset>
      <ErrorList id={`${id}-duration-error`} messages={durationErrors} small />
      <ErrorList id={`${id}-error`} messages={general} small />
    </fieldset>
  );
}
