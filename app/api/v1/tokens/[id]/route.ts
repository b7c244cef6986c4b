import { byId, ok, route } from '@/lib/http/route';
import { revokeToken } from '@/lib/tokens/commands';
import { getToken } from '@/lib/tokens/queries';

export const GET = route({
  summary: 'Get an API token',
  auth: 'session',
  params: byId('Token'),
  handle: async ({ actor, params }) => ok({ token: await getToken(actor.userId, params.id) }),
});

/** Revokes the token at once: its next request is a 401. It stays listed, as revoked. */
export const DELETE = route({
  summary: 'Revoke an API token',
  auth: 'session',
  params: byId('Token'),
  handle: async ({ actor, params }) => ok({ token: await revokeToken(actor.userId, params.id) }),
});
