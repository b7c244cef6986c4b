import Link from 'next/link';

/** Where the shown zone comes from: the user's setting, their browser, or the link (`?tz=`). */
export type ZoneSource = 'setting' | 'browser' | 'link';

function offsetLabel(zone: string): string | undefined {
  return new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'shortOffset' }).formatToParts(new Date()).find((p) => p.type === 'timeZoneName')?.value;
}

const label = (zone: string) => {
  const offset = offsetLabel(zone);
  return `${zone.replaceAll('_', ' ')}${offset ? ` (${offset})` : ''}`;
};

const link = 'underline underline-offset-2 hover:text-slate-800 focus-visible:outline-2 focus-visible:outline-slate-900';

/**
 * "Times in Europe/Paris (GMT+1), your setting · change", or, for a link that names a zone,
 * "Times in Asia/Tokyo (GMT+9), from the link · show in my zone (Europe/Paris)".
 */
export type ZoneNoteProps = { zone: string } & ({ source: 'setting' | 'browser' } | { source: 'link'; ownZone: string; onUseOwnZone: () => void });

export function ZoneNote(props: ZoneNoteProps) {
  const { zone } = props;
  if (props.source === 'link') {
    return (
      <p className="text-sm text-slate-500" data-testid="zone-note">
        Times in {label(zone)}, from the link ·{' '}
        <button type="button" onClick={props.onUseOwnZone} className={link}>
          show in my zone ({props.ownZone.replaceAll('_', ' ')})
        </button>
      </p>
    );
  }
  return (
    <p className="text-sm text-slate-500" data-testid="zone-note">
      Times in {label(zone)}, {props.source === 'setting' ? 'your setting' : 'your browser’s zone'} ·{' '}
      <Link href="/accounts#time-zone" className={link}>
        change
      </Link>
    </p>
  );
}
