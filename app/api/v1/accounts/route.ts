import { listAccounts } from '@/lib/accounts/queries';
import { ok, route } from '@/lib/http/route';

/**
 * The accounts a post can go to, so reading them is part of reading posts; with each one's text
 * limit (X Premium allows long posts), which the composer and the API's check share.
 */
export const GET = route({
  summary: 'List your connected X accounts',
  auth: 'posts:read',
  handle: async ({ actor }) => {
    const accounts = await listAccounts(actor.userId);
    return ok({ accounts: accounts.map(({ id, username, name, status, subscriptionType, textLimit }) => ({ id, username, name, status, subscriptionType, textLimit })) });
  },
});
