import { z } from 'zod';

/** What Herald asks X for: read and write posts, read the profile, upload media, and stay signed in. */
export const X_SCOPES = 'tweet.read tweet.write users.read offline.access media.write';

/** Who an X account is, from GET /2/users/me. */
export interface XIdentity {
  id: string;
  username: string;
  name: string;
  avatarUrl: string | null;
}

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
