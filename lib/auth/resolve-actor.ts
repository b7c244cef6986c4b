import { AppError } from '../errors';
import { tokenOwner } from '../tokens/queries';
import type { Actor } from './actor';
import { sessionActor } from './actor';
import { currentUser } from './session';

const BEARER = /^Bearer ([^\s]+)$/;

/**
 * Who sent an API request, or null for nobody known. An `Authorization` header decides when
 * present (a session cookie beside it is ignored): `Bearer <token>` of a live API token, else a
 * 401 that says why. Without one, the browser session's cookie (Auth.js reads it from the
 * request being handled).
 */
export async function resolveActor(request: Request): Promise<Actor | null> {
  const header = request.headers.get('authorization');
  if (header !== null) {
    const bearer = BEARER.exec(header.trim());
    if (!bearer) throw new AppError(401, 'The Authorization header takes "Bearer <API token>"');
    const owner = await tokenOwner(bearer[1]!);
    if (!owner) throw new AppError(401, 'Unknown or revoked API token');
    return { userId: owner.userId, via: 'token', tokenId: owner.tokenId, scopes: owner.scopes };
  }
  const user = await currentUser();
  return user ? sessionActor(user.id) : null;
}
