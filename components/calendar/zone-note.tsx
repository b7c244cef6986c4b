import Link from 'next/link';

function offsetLabel(zone: string): string | undefined {
  return new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'shortOffset' }).formatToParts(new Date()).find((p) => p.type === 'timeZoneName')?.value;
}

/** "Times in Europe/Paris (GMT+1), your setting · change" */
export function ZoneNote({ zone, source }: { zone: string; source: 'setting' | 'browser' }) {
  const offset = offsetLabel(zone);
  return (
    <p className="text-sm text-slate-500">
      Times in {zone.replaceAll('_', ' ')}
      {offset ? ` (${offset})` : ''}, {source === 'setting' ? 'your setting' : 'your browser’s zone'} ·{' '}
      <Link href="/accounts#time-zone" className="underline underline-offset-2 hover:text-slate-800">
        change
      </Link>
    </p>
  );
}
