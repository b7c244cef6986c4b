import type { ReactNode } from 'react';
import { ErrorList } from './error-list';
import { Label } from './label';

/** What a field gives its control: the id its label points at, and the accessible error wiring. */
export interface ControlProps {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby': string | undefined;
}

export interface FieldProps {
  id: string;
  label: ReactNode;
  /** Beside the label, at the other end of its line (a part number). */
  aside?: ReactNode;
  /** A line under the control that explains it; read with the control. */
  hint?: ReactNode;
  errors?: readonly string[];
  /** Ids of other text that describes the control (a character count under it). */
  describedBy?: readonly string[];
  /** Marks the control invalid for a reason the errors don't carry (text over the limit). */
  invalid?: boolean;
  /** The control, given its id and aria attributes. */
  children: (control: ControlProps) => ReactNode;
  /** Between the control and its hint and errors. */
  below?: ReactNode;
}

/** The border of a text control, red while the field has errors. */
export function controlStyle(invalid: boolean): string {
  return `rounded-lg border bg-white text-slate-900 focus:outline-2 read-only:bg-slate-50 read-only:text-slate-600 disabled:bg-slate-50 disabled:text-slate-600 ${
    invalid ? 'border-rose-400 focus:outline-rose-500' : 'border-slate-200 focus:outline-slate-900'
  }`;
}

/** A label, one control, an optional hint and the field's errors, wired together for assistive technology. */
export function Field({ id, label, aside, hint, errors = [], describedBy = [], invalid = false, children, below }: FieldProps) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const described = [...describedBy, hint ? hintId : null, errors.length > 0 ? errorId : null].filter(Boolean).join(' ');
  return (
    <div>
      <div className="mb-1 flex items-baseline justify-between gap-2">
        <Label htmlFor={id}>{label}</Label>
        {aside}
      </div>
      {children({ id, 'aria-invalid': invalid || errors.length > 0, 'aria-describedby': described || undefined })}
      {below}
      {hint ? (
        <p id={hintId} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      <ErrorList id={errorId} messages={errors} />
    </div>
  );
}
