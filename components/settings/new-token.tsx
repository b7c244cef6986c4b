'use client';

import { useState } from 'react';
import { Button } from '../ui/button';

/** The token just created, shown this once: Herald keeps only its hash. */
export function NewToken({ token, name, onDone }: { token: string; name: string; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <div role="status" className="flex flex-col gap-2 rounded-xl border border-emerald-200 bg-emerald-50 p-4 text-sm text-emerald-950">
      <p className="font-medium">“{name}” is ready. Copy it now: it will not be shown again.</p>
      <code aria-label="New API token" className="block break-all rounded-lg bg-white px-3 py-2 font-mono text-xs text-slate-900 ring-1 ring-emerald-200">
        {token}
      </code>
      <p className="text-emerald-900">Send it as <code className="font-mono">Authorization: Bearer …</code> to Herald’s API.</p>
      <div className="flex gap-2">
        <Button
          variant="secondary"
          size="sm"
          onClick={() => {
            void navigator.clipboard?.writeText(token).then(() => setCopied(true), () => setCopied(false));
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
