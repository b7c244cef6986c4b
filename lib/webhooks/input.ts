import { z } from 'zod';
import { EVENT_TYPES } from '../events/types';
import { text } from '../validation';
import { MAX_URL_LENGTH } from './address';

/** `POST /api/v1/webhooks`: where to send, and which events (at least one, each once). */
export const createWebhookInput = z.strictObject({
  url: text(MAX_URL_LENGTH, `A webhook URL has at most ${MAX_URL_LENGTH} characters`).trim().min(1, 'Give the URL to send events to'),
  events: z
    .array(z.enum(EVENT_TYPES, { error: `An event is one of ${EVENT_TYPES.join(', ')}` }))
    .min(1, 'Pick at least one event')
    .refine((events) => new Set(events).size === events.length, 'Each event once'),
});

export type CreateWebhookInput = z.infer<typeof createWebhookInput>;
