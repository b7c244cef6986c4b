import type { LabelHTMLAttributes } from 'react';

/** A form control's visible name. `htmlFor` is required: every label names one control. */
export function Label({ htmlFor, className, ...rest }: LabelHTMLAttributes<HTMLLabelElement> & { htmlFor: string }) {
  return <label htmlFor={htmlFor} className={`text-xs font-medium text-slate-600 ${className ?? ''}`} {...rest} />;
}
