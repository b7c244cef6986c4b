'use client';

import { REPLY_SETTINGS, type ReplySetting } from '@/lib/x/rules';
import { controlStyle, Field } from '../ui/field';
import { REPLY_SETTING_LABELS } from './part-kinds';

export interface ReplySettingsFieldProps {
  id: string;
  value: ReplySetting | null;
  readOnly: boolean;
  /** Several accounts side by side: the label names the account. */
  accountLabel?: string;
  errors: string[];
  onChange: (value: ReplySetting | null) => void;
}

const EVERYONE = 'everyone';

/** Who can reply on X (the post's `reply_settings`): everyone unless narrowed. */
export function ReplySettingsField({ id, value, readOnly, accountLabel, errors, onChange }: ReplySettingsFieldProps) {
  return (
    <div className="ml-9 mt-2 max-w-xs">
      <Field id={id} label={accountLabel ? `Who can reply to ${accountLabel}` : 'Who can reply'} errors={errors}>
        {(control) => (
          <select
            {...control}
            value={value ?? EVERYONE}
            disabled={readOnly}
            onChange={(e) => {
              const picked = REPLY_SETTINGS.find((s) => s === e.target.value);
              onChange(picked ?? null);
            }}
            className={`block w-full px-2 py-1 text-sm ${controlStyle(control['aria-invalid'])}`}
          >
            <option value={EVERYONE}>Everyone</option>
            {REPLY_SETTINGS.map((setting) => (
              <option key={setting} value={setting}>
                {REPLY_SETTING_LABELS[setting]}
              </option>
            ))}
          </select>
        )}
      </Field>
    </div>
  );
}
