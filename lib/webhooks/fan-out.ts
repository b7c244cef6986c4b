import type { HeraldEvent } from '../events/types';

/** Placeholder until lib/webhooks lands: delivers nothing yet. */
export async function fanOutToWebhooks(_event: HeraldEvent): Promise<void> {}
