'use client';

import { useId, useState } from 'react';
import type { WebhookEvent } from '@/lib/db/schema';
import type { WebhookView } from '@/lib/webhooks/view';
import * as api from '../api/client';
import { Button } from '../ui/button';
import { ErrorList } from '../ui/error-list';
import { controlStyle, Field } from '../ui/field';
import { ActionError } from '../ui/page-messages';
import { useBrowserTimeZone } from '../use-browser-time-zone';
import { WebhookDeliveries } from './webhook-deliveries';
import { ShownOnce } from './shown-once';

/** lib/events EVENT_TYPES, named for people (that module is server code: its values stay there). */
const EVENTS: { value: WebhookEvent; hint: string }[] = [
  { value: 'post.scheduled', hint: 'a post is scheduled or queued' },
  { value: 'post.published', hint: 'a post is on X' },
  { value: 'post.failed', hint: 'a post could not be published' },
  { value: 'account.reconnect_needed', hint: 'an X account must be connected again' },
];

/** The settings page's webhooks: add one (its secret shown once), see its last deliveries, delete it. */
export function Webhooks({ initial, userZone }: { initial: WebhookView[]; userZone: string | null }) {
  const ids = useId();
  const browserZone = useBrowserTimeZone();
  const zone = userZone ?? browserZone ?? 'UTC';
  const [hooks, setHooks] = useState(initial);
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<WebhookEvent[]>(['post.published', 'post.failed']);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [busy, setBusy] = useState(false);
  const [issued, setIssued] = useState<api.CreatedWebhook | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function refresh() {
    const listed = await api.webhooks.list();
    if (listed.ok) setHooks(listed.data);
  }

  async function create() {
    setBusy(true);
    setError(null);
    // In the list's order, whatever order they were ticked in.
    const result = await api.webhooks.create({ url, events: EVENTS.map((e) => e.value).filter((v) => events.includes(v)) });
    setBusy(false);
    if (!result.ok) {
      setFieldErrors(result.fields);
      if (Object.keys(result.fields).length === 0) setError(result.error);
      return;
    }
    setIssued(result.data);
    setUrl('');
    setFieldErrors({});
    await refresh();
  }

  async function remove(id: string) {
    setConfirming(null);
    const result = await api.webhooks.remove(id);
    if (!result.ok) return setError(`Could not delete the webhook. ${api.describeFailure(result)}`);
    setHooks((list) => list.filter((h) => h.id !== id));
    if (issued?.id === id) setIssued(null);
  }

  return (
    <div className="flex flex-col gap-4">
      <ActionError message={error} onDismiss={() => setError(null)} />
      {issued ? (
        <ShownOnce
          heading={
            <>
              Webhook to <span className="break-all font-mono text-xs">{issued.url}</span> added. Copy its signing secret now: it will not be shown again.
            </>
          }
          value={issued.secret}
          label="New webhook secret"
          hint={
            <>
              Check each delivery’s <code className="font-mono">Herald-Signature</code> header with it (see the README).
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
        <Field id={`${ids}-url`} label="Webhook URL" hint="An https:// address on the public internet" errors={fieldErrors.url ?? []}>
          {(control) => (
            <input
              {...control}
              type="url"
              inputMode="url"
              placeholder="https://example.com/herald"
              value={url}
              onChange={(e) => setUrl(e.target.value)}
              maxLength={2048}
              className={`block w-full px-3 py-2 font-mono text-sm ${controlStyle(control['aria-invalid'])}`}
            />
          )}
        </Field>
        <fieldset>
          <legend className="mb-1 text-sm font-medium text-slate-800">Events</legend>
          <div className="flex flex-col gap-1">
            {EVENTS.map((ev) => (
              <label key={ev.value} className="flex items-start gap-2 text-sm">
                <input
                  type="checkbox"
                  className="mt-0.5 size-4 accent-sky-600"
                  checked={events.includes(ev.value)}
                  onChange={(e) => setEvents((list) => (e.target.checked ? [...list, ev.value] : list.filter((v) => v !== ev.value)))}
                />
                <span>
                  <span className="font-mono">{ev.value}</span> <span className="text-slate-500">({ev.hint})</span>
                </span>
              </label>
            ))}
          </div>
          <ErrorList id={`${ids}-events-error`} messages={Object.entries(fieldErrors).flatMap(([key, messages]) => (key.startsWith('events') ? messages : []))} />
        </fieldset>
        <div>
          <Button type="submit" variant="primary" busy={busy} disabled={busy}>
            Add webhook
          </Button>
        </div>
      </form>

      {hooks.length === 0 ? (
        <p className="text-sm text-slate-500">No webhooks yet.</p>
      ) : (
        <ul className="flex flex-col gap-3" aria-label="Your webhooks">
          {hooks.map((h) => (
            <li key={h.id} aria-label={h.url} className="flex flex-col gap-2 rounded-xl border border-slate-200 bg-white p-4">
              <div className="flex items-start justify-between gap-2">
                <div className="min-w-0">
                  <p className="break-all font-mono text-sm font-medium">{h.url}</p>
                  <p className="text-xs text-slate-600">{h.events.join(', ')}</p>
                </div>
                {confirming === h.id ? (
                  <span className="flex shrink-0 items-center gap-1">
                    <Button variant="destructive" size="sm" onClick={() => void remove(h.id)}>
                      Delete this webhook
                    </Button>
                    <Button variant="quiet" size="sm" onClick={() => setConfirming(null)}>
                      Keep it
                    </Button>
                  </span>
                ) : (
                  <Button variant="danger" size="sm" onClick={() => setConfirming(h.id)}>
                    Delete
                  </Button>
                )}
              </div>
              <WebhookDeliveries deliveries={h.deliveries} zone={zone} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
