import type { Metadata } from 'next';
import { AccountCard } from '@/components/accounts/account-card';
import { TimeZoneForm } from '@/components/accounts/time-zone-form';
import { listAccounts } from '@/lib/accounts/queries';
import { connectedHandle, connectErrorMessage } from '@/lib/accounts/connect-errors';
import { requirePageUser } from '@/lib/auth/session';
import { getTimeZone } from '@/lib/users';
import { disconnect, saveTimeZone } from '../actions';

export const metadata: Metadata = { title: 'Accounts · Herald' };

/** The zones offered: the runtime's list, plus UTC, which some runtimes list only as an alias. */
function timeZones(): string[] {
  const zones = Intl.supportedValuesOf('timeZone');
  return zones.includes('UTC') ? zones : ['UTC', ...zones];
}

// A parameter given twice arrives as an array.
type Param = string | string[] | undefined;

export default async function AccountsPage({ searchParams }: { searchParams: Promise<{ connected?: Param; error?: Param }> }) {
  const user = await requirePageUser();
  const params = await searchParams;
  const [accounts, timeZone] = await Promise.all([listAccounts(user.id), getTimeZone(user.id)]);
  // The connect callback's outcome, in Herald's words only: links can be crafted by anyone.
  const connected = connectedHandle(params.connected, accounts);
  const error = connectErrorMessage(params.error);
  return (
    <div className="flex max-w-3xl flex-col gap-8">
      <section aria-labelledby="accounts-heading" className="flex flex-col gap-3">
        <div>
          <h1 id="accounts-heading" className="text-2xl font-semibold tracking-tight">
            Accounts
          </h1>
          <p className="text-sm text-slate-500">The X accounts Herald posts to for you.</p>
        </div>
        {connected ? (
          <p role="status" className="rounded-lg bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
            @{connected} is connected.
          </p>
        ) : null}
        {error ? (
          <p role="alert" className="rounded-lg bg-rose-50 px-3 py-2 text-sm text-rose-900">
            {error}
          </p>
        ) : null}
        {accounts.length === 0 ? (
          <p className="rounded-xl border border-dashed border-slate-300 bg-white px-4 py-8 text-center text-sm text-slate-600">No X account is connected yet.</p>
        ) : (
          <ul className="flex flex-col gap-2">
            {accounts.map((account) => (
              <AccountCard key={account.id} account={account} disconnect={disconnect} />
            ))}
          </ul>
        )}
        <div className="flex flex-col gap-1 rounded-xl bg-slate-100/70 p-4 text-sm text-slate-600 sm:flex-row sm:items-center sm:gap-4">
          <p className="flex-1">
            To add another account, sign in to it on x.com first, then connect it here: X connects whichever account is signed in there.
          </p>
          <a href="/api/accounts/connect" className="whitespace-nowrap rounded-lg bg-white px-3.5 py-2 font-medium text-slate-800 ring-1 ring-slate-200 hover:bg-slate-50">
            Connect another X account
          </a>
        </div>
      </section>

      <section id="time-zone" className="flex flex-col gap-3 rounded-xl border border-slate-200 bg-white p-5">
        <div>
          <h2 className="text-lg font-semibold tracking-tight">
            Time zone
          </h2>
          <p className="text-sm text-slate-500">By default Herald follows your browser. Pick a zone to plan in another one, e.g. your audience’s.</p>
        </div>
        <TimeZoneForm current={timeZone} zones={timeZones()} action={saveTimeZone} />
      </section>
    </div>
  );
}
