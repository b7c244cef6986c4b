import { createHmac, randomBytes } from 'node:crypto';
import { open, seal } from '../crypto';

/** Secrets start so, like Herald's API tokens start with `hrd_`: people and scanners can tell one. */
const SECRET_PREFIX = 'whsec_';

/** A new signing secret: 256 random bits. */
export const newSecret = (): string => `${SECRET_PREFIX}${randomBytes(32).toString('base64url')}`;

/** Sealed for this webhook only: a ciphertext copied to another row does not open. */
export const sealSecret = (webhookId: string, secret: string): string => seal(secret, 'webhook-secret', `webhooks:${webhookId}`);
export const openSecret = (webhookId: string, sealed: string): string => open(sealed, 'webhook-secret', `webhooks:${webhookId}`);

/**
 * `Herald-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. The time is signed
 * with the body, so a receiver that refuses old timestamps also refuses replays.
 */
export function signature(secret: string, body: string, at: Date = new Date()): string {
  const t = Math.floor(at.getTime() / 1000);
  const v1 = createHmac('sha256', secret).update(`${t}.${body}`, 'utf8').digest('hex');
  return `t=${t},v1=${v1}`;
}
