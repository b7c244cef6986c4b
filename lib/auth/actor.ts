import type { TokenScope } from '../db/schema';
import { AppError } from '../errors';
import { isAdmin } from './admins';

/** What an API token may be allowed to do. A browser session may do all of it. */
export type Scope = TokenScope;

/**
 * Who is making a request: a signed-in browser session, or a personal API token acting for its
 * owner within its scopes. Ownership rules are the same for both: they read `userId`.
 */
export type Actor = { userId: string; via: 'session' } | { userId: string; via: 'token'; tokenId: string; scopes: readonly Scope[] };

/**
 * What a route asks of its caller: a scope; the browser session itself (for managing the things
 * a token must not reach, such as connected accounts and tokens); or an admin.
 */
export type Requirement = Scope | 'session' | 'admin';

export const sessionActor = (userId: string): Actor => ({ userId, via: 'session' });

export function hasScope(actor: Actor, scope: Scope): boolean {
  // A session carries every scope.
  return actor.via === 'session' || actor.scopes.includes(scope);
}

/** Admin powers come with the browser session only: a token acts for its owner as a user. */
export async function actorIsAdmin(actor: Actor): Promise<boolean> {
  return actor.via === 'session' && isAdmin(actor.userId);
}

/** 403 unless the actor meets the route's requirement. */
export async function authorize(actor: Actor, need: Requirement): Promise<void> {
  if (need === 'admin') {
    if (!(await actorIsAdmin(actor))) throw new AppError(403, 'Admins only');
  } else if (need === 'session') {
    if (actor.via !== 'session') throw new AppError(403, 'Only a signed-in browser session may do this, not an API token');
  } else if (!hasScope(actor, need)) {
    throw new AppError(403, `This API token lacks the scope ${need}`);
  }
}
