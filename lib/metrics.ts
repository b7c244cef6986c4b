import client from 'prom-client';

/**
 * Herald's Prometheus metrics, one registry per process (web and worker each serve their own).
 * Kept on globalThis: Next may load this module once per route bundle, and two registries would
 * each hold half the counts.
 */
interface Metrics {
  registry: client.Registry;
  /** Seconds from a post's scheduled time to X accepting its first part. */
  publishLateness: client.Histogram<never>;
  /** Publish attempts by how they ended: published, failed, retry, stale, too_early. */
  publishes: client.Counter<'outcome'>;
  /** X errors by class (lib/x/errors XFailure kinds). */
  xErrors: client.Counter<'class'>;
  /** Publish queue jobs by BullMQ state, read from Redis when scraped. */
  queueJobs: client.Gauge<'state'>;
  /** Access token refreshes by outcome: ok, refused, error. */
  tokenRefreshes: client.Counter<'outcome'>;
  /** Webhook deliveries by outcome: delivered, failed, refused. */
  webhookDeliveries: client.Counter<'outcome'>;
}

const KEY = Symbol.for('herald.metrics');
type Holder = typeof globalThis & { [KEY]?: Metrics };

function create(): Metrics {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  return {
    registry,
    publishLateness: new client.Histogram({
      name: 'herald_publish_lateness_seconds',
      help: 'Seconds from a post scheduled time to X accepting it',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
      registers: [registry],
    }),
    publishes: new client.Counter({ name: 'herald_publishes_total', help: 'Publish attempts by outcome', labelNames: ['outcome'], registers: [registry] }),
    xErrors: new client.Counter({ name: 'herald_x_errors_total', help: 'X API errors by class', labelNames: ['class'], registers: [registry] }),
    queueJobs: new client.Gauge({ name: 'herald_queue_jobs', help: 'Publish queue jobs by BullMQ state', labelNames: ['state'], registers: [registry] }),
    tokenRefreshes: new client.Counter({ name: 'herald_token_refreshes_total', help: 'X access token refreshes by outcome', labelNames: ['outcome'], registers: [registry] }),
    webhookDeliveries: new client.Counter({ name: 'herald_webhook_deliveries_total', help: 'Webhook deliveries by outcome', labelNames: ['outcome'], registers: [registry] }),
  };
}

export function metrics(): Metrics {
  const holder = globalThis as Holder;
  holder[KEY] ??= create();
  return holder[KEY];
}
