import { z } from 'zod';
import type { XIdentity } from '../accounts';

export const X_SCOPES = 'tweet.read tweet.write users.read offline.access media.write';

const meResponse = z.object({
  data: z.object({ id: z.string(), username: z.string(), name: z.string(), profile_image_url: z.string().optional() }),
});

/** The body of GET /2/users/me, as Auth.js hands it over. */
export function identityFromProfile(profile: unknown): XIdentity | null {
  const parsed = meResponse.safeParse(profile);
  if (!parsed.success) return null;
  const { id, username, name, profile_image_url } = parsed.data.data;
  return { id, username, name, avatarUrl: profile_image_url ?? null };
}
