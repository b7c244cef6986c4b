import { sessionActor, type Actor } from './actor';
import { currentUser } from './session';

/**
 * Who sent an API request, or null for nobody known. Today the browser session's cookie (Auth.js
 * reads it from the request being handled); an API token will be read here from the request's
 * Authorization header, and nothing else changes.
 */
export async function resolveActor(_request: Request): Promise<Actor | null> {
  const user = await currentUser();
  return user ? sessionActor(user.id) : null;
}
