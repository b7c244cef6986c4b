import { z } from 'zod';

/** What Herald asks X for: read and write posts, read the profile, upload media, and stay signed in. */
export const X_SCOPES = 'tweet.read tweet.write users.read offline.access media.write';

/** Who an X account is, from GET /2/users/me. */
export interface XIdentity {
  id: string;
  username: string;
  name: string;
  avatarUrl: string | null;
  /**
   * X's `subscription_type` (None, Basic, Premium, PremiumPlus), when the profile was asked for it
   * (`user.fields=subscription_type`). Undefined: X did not say, and what Herald knows is kept.
   */
  subscriptionType?: string;
}

/** The user fields Herald asks /2/users/me for, at sign-in, at connect and in the daily refresh. */
export const PROFILE_FIELDS = ['profile_image_url', 'subscription_type'] as const;

const meResponse = z.object({
  data: z.object({
    id: z.string(),
    username: z.string(),
    name: z.string(),
    profile_image_url: z.string().optional(),
    // Stored as given, so bounded (X's values are short words); anything odd counts as "X did not say".
    subscription_type: z.string().max(40).optional().catch(undefined),
  }),
});

/** The body of GET /2/users/me, as Auth.js hands it over. */
export function identityFromProfile(profile: unknown): XIdentity | null {
  const parsed = meResponse.safeParse(profile);
  if (!parsed.success) return null;
  const { id, username, name, profile_image_url, subscription_type } = parsed.data.data;
  return { id, username, name, avatarUrl: profile_image_url ?? null, ...(subscription_type === undefined ? {} : { subscriptionType: subscription_type }) };
}
