import type { DeliveryView } from '@/lib/webhooks/view';
import { formatInZone } from '../calendar/zoned-time';

const STATUS_STYLE: Record<DeliveryView['status'], string> = {
  delivered: 'text-emerald-700',
  pending: 'text-amber-700',
  failed: 'text-red-700',
  refused: 'text-red-700',
};

/** What happened at a delivery's last attempt, in a few words. */
function outcome(d: DeliveryView): string {
  const answer = d.responseStatus === null ? null : `HTTP ${d.responseStatus}`;
  const status = d.status === 'pending' && d.attempts > 0 ? 'retrying' : d.status;
  return [status, answer, d.error].filter(Boolean).join(' · ');
}

/** A webhook's recent deliveries: the event, when, and how the last attempt went (with the start of the answer). */
export function WebhookDeliveries({ deliveries, zone }: { deliveries: DeliveryView[]; zone: string }) {
  if (deliveries.length === 0) return <p className="text-xs text-slate-500">No deliveries yet.</p>;
  return (
    <ul className="flex flex-col gap-1 text-xs" aria-label="Recent deliveries">
      {deliveries.map((d) => (
        <li key={d.id} className="flex flex-col">
          <span>
            <span className="font-mono">{d.type}</span> · {formatInZone(d.lastAttemptAt ?? d.createdAt, zone)} ·{' '}
            <span className={STATUS_STYLE[d.status]}>{outcome(d)}</span>
            {d.attempts > 1 ? <span className="text-slate-500"> · {d.attempts} attempts</span> : null}
          </span>
          {d.responseBody ? <span className="truncate font-mono text-slate-500">{d.responseBody.slice(0, 200)}</span> : null}
        </li>
      ))}
    </ul>
  );
}
