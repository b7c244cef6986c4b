import { created, ok, route } from '@/lib/http/route';
import { createToken } from '@/lib/tokens/commands';
import { createTokenInput } from '@/lib/tokens/input';
import { listTokens } from '@/lib/tokens/queries';

/** Tokens are managed from the browser session only: a token never makes or lists tokens. */
export const GET = route({
  summary: 'List your API tokens',
  auth: 'session',
  handle: async ({ actor }) => ok({ tokens: await listTokens(actor.userId) }),
});

/** `{ name, scopes }` → `{ id, token, … }`: the only time the token itself is shown. */
export const POST = route({
  summary: 'Create an API token',
  success: { status: 201, description: 'The token, shown this once' },
  auth: 'session',
  body: createTokenInput,
  handle: async ({ actor, body }) => {
    const { token, view } = await createToken(actor.userId, body);
    return created({ ...view, token });
  },
});
