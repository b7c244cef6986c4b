'use client';

import { useState } from 'react';
import { Button } from '../ui/button';

/** A new webhook's signing secret, shown this once (Herald keeps it sealed, to sign with). */
export function WebhookSecret({ secret, url, onDone }: { secret: string; url: string; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <div role="status" className="flex flex-col gap-2 rounded-xl border border-emerald-200 bg-emerald-50 p-4 text-sm text-emerald-950">
      <p className="font-medium">
        Webhook to <span className="break-all font-mono text-xs">{url}</span> added. Copy its signing secret now: it will not be shown again.
      </p>
      <code aria-label="New webhook secret" className="block break-all rounded-lg bg-white px-3 py-2 font-mono text-xs text-slate-900 ring-1 ring-emerald-200">
        {secret}
      </code>
      <p className="text-emerald-900">
        Check each delivery’s <code className="font-mono">Herald-Signature</code> header with it (see the README).
      </p>
      <div className="flex gap-2">
        <Button
          variant="secondary"
          size="sm"
          onClick={() => {
            void navigator.clipboard?.writeText(secret).then(() => setCopied(true), () => setCopied(false));
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
