import { listAccounts } from '@/lib/accounts/queries';
import { ok, route } from '@/lib/http/route';

/** The accounts a post can go to, so reading them is part of reading posts. */
export const GET = route({
  auth: 'posts:read',
  handle: async ({ actor }) => {
    const accounts = await listAccounts(actor.userId);
    return ok({ accounts: accounts.map(({ id, username, name, status }) => ({ id, username, name, status })) });
  },
});
