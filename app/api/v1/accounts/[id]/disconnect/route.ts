import { disconnectAccount } from '@/lib/accounts/commands';
import { byId, ok, route } from '@/lib/http/route';

/**
 * Revokes Herald's access at X, deletes the tokens and turns the account's scheduled posts into
 * drafts. The browser session only: connecting and disconnecting accounts is not a token's business.
 */
export const POST = route({
  summary: 'Disconnect an X account',
  auth: 'session',
  params: byId('Account'),
  handle: async ({ actor, params }) => ok(await disconnectAccount(actor.userId, params.id)),
});
