import type { Metadata } from 'next';
import { ApiTokens } from '@/components/settings/api-tokens';
import { NotificationEmail } from '@/components/settings/notification-email';
import { Webhooks } from '@/components/settings/webhooks';
import { requirePageUser } from '@/lib/auth/session';
import { mailEnabled } from '@/lib/mail/send';
import { notificationEmail } from '@/lib/notifications/email';
import { listTokens } from '@/lib/tokens/queries';
import { getTimeZone } from '@/lib/users';
import { listWebhooks } from '@/lib/webhooks/queries';

export const metadata: Metadata = { title: 'Settings · Herald' };

export default async function SettingsPage() {
  const user = await requirePageUser();
  const [tokens, hooks, timeZone, email] = await Promise.all([listTokens(user.id), listWebhooks(user.id), getTimeZone(user.id), notificationEmail(user.id)]);
  return (
    <div className="flex max-w-3xl flex-col gap-8">
      <section aria-labelledby="tokens-heading" className="flex flex-col gap-3">
        <div>
          <h1 id="tokens-heading" className="text-2xl font-semibold tracking-tight">
            API tokens
          </h1>
          <p className="text-sm text-slate-500">
            For scripts and other tools: send a token as <code className="font-mono">Authorization: Bearer …</code> to Herald’s API
            (<code className="font-mono">/api/v1</code>). It acts as you, within its scopes.
          </p>
        </div>
        <ApiTokens initial={tokens} userZone={timeZone} />
      </section>
      <section aria-labelledby="webhooks-heading" className="flex flex-col gap-3">
        <div>
          <h2 id="webhooks-heading" className="text-xl font-semibold tracking-tight">
            Webhooks
          </h2>
          <p className="text-sm text-slate-500">
            Herald POSTs your events to these URLs as JSON, signed with each webhook’s secret in the{' '}
            <code className="font-mono">Herald-Signature</code> header, and retries for about an hour when they fail.
          </p>
        </div>
        <Webhooks initial={hooks} userZone={timeZone} />
      </section>
      <section aria-labelledby="notifications-heading" className="flex flex-col gap-3">
        <div>
          <h2 id="notifications-heading" className="text-xl font-semibold tracking-tight">
            Notifications
          </h2>
          <p className="text-sm text-slate-500">Failed posts and accounts that need reconnecting show under the bell at the top of every page.</p>
        </div>
        <NotificationEmail initial={email} mailEnabled={mailEnabled()} />
      </section>
    </div>
  );
}
