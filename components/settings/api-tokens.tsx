'use client';

import { useId, useState } from 'react';
import type { TokenScope } from '@/lib/db/schema';
import type { TokenView } from '@/lib/tokens/view';
import * as api from '../api/client';
import { formatInZone } from '../calendar/zoned-time';
import { Button } from '../ui/button';
import { ErrorList } from '../ui/error-list';
import { controlStyle, Field } from '../ui/field';
import { ActionError } from '../ui/page-messages';
import { useBrowserTimeZone } from '../use-browser-time-zone';
import { ShownOnce } from './shown-once';

const SCOPES: { value: TokenScope; label: string; hint: string }[] = [
  { value: 'posts:read', label: 'Read', hint: 'posts, accounts, queues and costs' },
  { value: 'posts:write', label: 'Write', hint: 'create, change, cancel and retry posts' },
];

function when(iso: string | null, zone: string): string {
  return iso ? formatInZone(iso, zone) : 'never';
}

/** The settings page's API tokens: make one (shown once), see each one's last use, revoke it. */
/** `userZone`: the user's time zone setting; without one, the browser's. */
export function ApiTokens({ initial, userZone }: { initial: TokenView[]; userZone: string | null }) {
  const ids = useId();
  const browserZone = useBrowserTimeZone();
  const zone = userZone ?? browserZone ?? 'UTC';
  const [tokens, setTokens] = useState(initial);
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<TokenScope[]>(['posts:read']);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [busy, setBusy] = useState(false);
  const [issued, setIssued] = useState<api.CreatedToken | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function create() {
    setBusy(true);
    setError(null);
    const result = await api.tokens.create({ name, scopes });
    setBusy(false);
    if (!result.ok) {
      setFieldErrors(result.fields);
      if (Object.keys(result.fields).length === 0) setError(result.error);
      return;
    }
    setIssued(result.data);
    setName('');
    setFieldErrors({});
    // The list as the server has it (the answer's token is kept only in the box above).
    const listed = await api.tokens.list();
    if (listed.ok) setTokens(listed.data);
  }

  async function revoke(id: string) {
    setConfirming(null);
    const result = await api.tokens.revoke(id);
    if (!result.ok) return setError(`Could not revoke the token. ${api.describeFailure(result)}`);
    setTokens((list) => list.map((t) => (t.id === id ? result.data : t)));
    if (issued?.id === id) setIssued(null);
  }

  return (
    <div className="flex flex-col gap-4">
      <ActionError message={error} onDismiss={() => setError(null)} />
      {issued ? (
        <ShownOnce
          heading={`“${issued.name}” is ready. Copy it now: it will not be shown again.`}
          value={issued.token}
          label="New API token"
          hint={
            <>
              Send it as <code className="font-mono">Authorization: Bearer …</code> to Herald’s API.
            </>
          }
          onDone={() => setIssued(null)}
        />
      ) : null}

      <form
        className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-4"
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <Field id={`${ids}-name`} label="Token name" hint="What uses it, to recognise it later" errors={fieldErrors.name ?? []}>
          {(control) => <input {...control} value={name} onChange={(e) => setName(e.target.value)} maxLength={200} className={`block w-full px-3 py-2 text-sm ${controlStyle(control['aria-invalid'])}`} />}
        </Field>
        <fieldset>
          <legend className="mb-1 text-sm font-medium text-slate-800">Scopes</legend>
          <div className="flex flex-wrap gap-4">
            {SCOPES.map((s) => (
              <label key={s.value} className="flex items-start gap-2 text-sm">
                <input
                  type="checkbox"
                  className="mt-0.5 size-4 accent-sky-600"
                  checked={scopes.includes(s.value)}
                  onChange={(e) => setScopes((list) => (e.target.checked ? [...list, s.value] : list.filter((v) => v !== s.value)))}
                />
                <span>
                  {s.label} <span className="text-slate-500">({s.value}: {s.hint})</span>
                </span>
              </label>
            ))}
          </div>
          <ErrorList id={`${ids}-scopes-error`} messages={Object.entries(fieldErrors).flatMap(([key, messages]) => (key.startsWith('scopes') ? messages : []))} />
        </fieldset>
        <div>
          <Button type="submit" variant="primary" busy={busy} disabled={busy}>
            Create token
          </Button>
        </div>
      </form>

      {tokens.length === 0 ? (
        <p className="text-sm text-slate-500">No API tokens yet.</p>
      ) : (
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Your API tokens</caption>
          <thead className="text-xs text-slate-500">
            <tr>
              <th className="py-1 font-medium">Name</th>
              <th className="py-1 font-medium">Token</th>
              <th className="py-1 font-medium">Scopes</th>
              <th className="py-1 font-medium">Last used</th>
              <th className="py-1 font-medium">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((t) => (
              <tr key={t.id} className="border-t border-slate-100 align-top">
                <td className="py-2 pr-2 font-medium">{t.name}</td>
                <td className="py-2 pr-2 font-mono text-xs text-slate-600">{t.prefix}…</td>
                <td className="py-2 pr-2 text-slate-700">{t.scopes.join(', ')}</td>
                <td className="py-2 pr-2 text-slate-700">{when(t.lastUsedAt, zone)}</td>
                <td className="py-2 text-right">
                  {t.revokedAt ? (
                    <span className="text-slate-500">Revoked {when(t.revokedAt, zone)}</span>
                  ) : confirming === t.id ? (
                    <span className="flex items-center justify-end gap-1">
                      <Button variant="destructive" size="sm" onClick={() => void revoke(t.id)}>
                        Revoke “{t.name}”
                      </Button>
                      <Button variant="quiet" size="sm" onClick={() => setConfirming(null)}>
                        Keep it
                      </Button>
                    </span>
                  ) : (
                    <Button variant="danger" size="sm" onClick={() => setConfirming(t.id)}>
                      Revoke
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
