'use client';

import type { Ref } from 'react';

export interface ScheduleFieldProps {
  id: string;
  /** `datetime-local` value, a wall clock in `zone`. */
  value: string;
  min: string;
  zone: string;
  readOnly: boolean;
  errors: string[];
  onChange: (value: string) => void;
  inputRef?: Ref<HTMLInputElement>;
}

export function ScheduleField({ id, value, min, zone, readOnly, errors, onChange, inputRef }: ScheduleFieldProps) {
  const hintId = `${id}-zone`;
  const errorId = `${id}-error`;
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-xs font-medium text-slate-600">
        Schedule for
      </label>
      <input
        ref={inputRef}
        id={id}
        type="datetime-local"
        value={value}
        min={min}
        step={60}
        readOnly={readOnly}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={errors.length > 0}
        aria-describedby={[hintId, errors.length > 0 ? errorId : null].filter(Boolean).join(' ')}
        className={`block w-full rounded-lg border bg-white px-3 py-2 text-sm text-slate-900 focus:outline-2 read-only:bg-slate-50 sm:w-auto ${
          errors.length > 0 ? 'border-rose-400 focus:outline-rose-500' : 'border-slate-200 focus:outline-slate-900'
        }`}
      />
      <p id={hintId} className="mt-1 text-xs text-slate-500">
        Time zone: {zone.replaceAll('_', ' ')}
      </p>
      {errors.length > 0 ? (
        <p id={errorId} className="mt-1 text-sm text-rose-700">
          {errors.join(' ')}
        </p>
      ) : null}
    </div>
  );
}
