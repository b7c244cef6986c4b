'use client';

import { useId, useState } from 'react';
import { describeFailure } from '../api/result';
import { notifications } from '../notifications/client';
import { Button } from '../ui/button';
import { controlStyle, Field } from '../ui/field';

/**
 * Where notification emails go (failed posts, accounts to reconnect). X gives Herald no address,
 * so none is set until the user types one; `mailEnabled` says whether this Herald sends email at all.
 */
export function NotificationEmail({ initial, mailEnabled }: { initial: string | null; mailEnabled: boolean }) {
  const id = useId();
  const [saved, setSaved] = useState(initial ?? '');
  const [value, setValue] = useState(initial ?? '');
  const [errors, setErrors] = useState<string[]>([]);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function save() {
    setBusy(true);
    setStatus(null);
    const result = await notifications.setEmail(value.trim());
    setBusy(false);
    if (!result.ok) {
      setErrors(result.fields.email ?? [describeFailure(result)]);
      return;
    }
    setErrors([]);
    setSaved(result.data ?? '');
    setValue(result.data ?? '');
    setStatus(result.data ? `Notifications will be emailed to ${result.data}.` : 'No notification emails will be sent.');
  }

  return (
    <form
      className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-4"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Field
        id={`${id}-email`}
        label="Email for notifications"
        hint={
          mailEnabled
            ? 'Failed posts and accounts to reconnect are emailed here too. Leave it empty for none.'
            : 'This Herald sends no email yet (its administrator has not set SMTP_URL and MAIL_FROM); the address is kept for when it does.'
        }
        errors={errors}
      >
        {(control) => (
          <input
            {...control}
            type="email"
            autoComplete="email"
            value={value}
            onChange={(e) => setValue(e.target.value)}
            maxLength={254}
            className={`block w-full px-3 py-2 text-sm ${controlStyle(control['aria-invalid'])}`}
          />
        )}
      </Field>
      <div className="flex items-center gap-3">
        <Button type="submit" variant="primary" busy={busy} disabled={value.trim() === saved}>
          Save email
        </Button>
        <p role="status" className="text-sm text-slate-600">
          {status}
        </p>
      </div>
    </form>
  );
}
