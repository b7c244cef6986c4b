import type { HeraldEvent } from '../events/types';

/** Placeholder until lib/notifications lands: records nothing yet. */
export async function notify(_event: HeraldEvent): Promise<void> {}
