'use client';

import { useState, type ReactNode } from 'react';
import { Button } from '../ui/button';

interface ShownOnceProps {
  /** What was just made, and that the value will not be shown again. */
  heading: ReactNode;
  /** The secret itself: Herald keeps only its hash or a sealed copy. */
  value: string;
  /** The accessible name of the value (tests and screen readers find it by this). */
  label: string;
  /** How to use it. */
  hint: ReactNode;
  onDone: () => void;
}

/** A secret just created (an API token, a webhook's signing secret), shown this once, with Copy. */
export function ShownOnce({ heading, value, label, hint, onDone }: ShownOnceProps) {
  const [copied, setCopied] = useState(false);
  return (
    <div role="status" className="flex flex-col gap-2 rounded-xl border border-emerald-200 bg-emerald-50 p-4 text-sm text-emerald-950">
      <p className="font-medium">{heading}</p>
      <code aria-label={label} className="block break-all rounded-lg bg-white px-3 py-2 font-mono text-xs text-slate-900 ring-1 ring-emerald-200">
        {value}
      </code>
      <p className="text-emerald-900">{hint}</p>
      <div className="flex gap-2">
        <Button
          variant="secondary"
          size="sm"
          onClick={() => {
            void navigator.clipboard?.writeText(value).then(() => setCopied(true), () => setCopied(false));
          }}
        >
          {copied ? 'Copied' : 'Copy'}
        </Button>
        <Button variant="quiet" size="sm" onClick={onDone}>
          Done
        </Button>
      </div>
    </div>
  );
}
