import type { ApiToken, TokenScope } from '../db/schema';

/** A token as its owner sees it in a list: never the token, nor its hash. */
export interface TokenView {
  id: string;
  name: string;
  scopes: TokenScope[];
  /** Its first characters (`hrd_ab12cd`), to tell tokens apart. */
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const toTokenView = (t: ApiToken): TokenView => ({
  id: t.id,
  name: t.name,
  scopes: t.scopes,
  prefix: t.prefix,
  createdAt: t.createdAt.toISOString(),
  lastUsedAt: iso(t.lastUsedAt),
  revokedAt: iso(t.revokedAt),
});
