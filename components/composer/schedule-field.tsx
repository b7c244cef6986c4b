'use client';

import type { Ref } from 'react';
import { controlStyle, Field } from '../ui/field';

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
  return (
    <Field id={id} label="Schedule for" hint={`Time zone: ${zone.replaceAll('_', ' ')}`} errors={errors}>
      {(control) => (
        <input
          {...control}
          ref={inputRef}
          type="datetime-local"
          value={value}
          min={min}
          step={60}
          readOnly={readOnly}
          onChange={(e) => onChange(e.target.value)}
          className={`block w-full px-3 py-2 text-sm sm:w-auto ${controlStyle(control['aria-invalid'])}`}
        />
      )}
    </Field>
  );
}
