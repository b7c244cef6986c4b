import { AppError } from '../errors';

/**
 * How connecting an X account can fail, as codes. The callback redirects to the accounts page
 * with `?error=<code>` and the page prints the code's sentence from this fixed list: a link
 * anyone can craft must never put words of theirs on Herald's page.
 */
export const CONNECT_ERRORS = {
  expired: 'This connection attempt expired. Start again from the accounts page.',
  state_mismatch: 'The answer from X did not match this connection attempt. Start again from the accounts page.',
  denied: 'You did not authorize Herald on X.',
  refused: 'X refused the connection. Try again, or check the app’s settings on X.',
  no_code: 'X sent no authorization code. Try again.',
  taken: 'That X account is already connected to another Herald user.',
  unreachable: 'X could not be reached; try again.',
} as const satisfies Record<string, string>;

export type ConnectErrorCode = keyof typeof CONNECT_ERRORS;

/** For a code this list does not know: it says nothing about what the link claimed. */
export const GENERIC_CONNECT_ERROR = 'Connecting the X account did not complete. Try again from this page.';

/** A failed connection attempt, carrying the code the accounts page shows it by. */
export class ConnectError extends AppError {
  constructor(readonly code: ConnectErrorCode) {
    super(code === 'taken' ? 409 : 400, CONNECT_ERRORS[code]);
  }
}

const isCode = (value: string): value is ConnectErrorCode => Object.hasOwn(CONNECT_ERRORS, value);

/** The code to redirect with for whatever connecting threw. */
export function connectErrorCode(error: unknown): ConnectErrorCode {
  return error instanceof ConnectError ? error.code : 'unreachable';
}

/**
 * The sentence for the page's `error` parameter: null when there is none, the generic one for
 * anything not on the list (repeated parameters and inherited names like `constructor` included).
 */
export function connectErrorMessage(param: string | string[] | undefined): string | null {
  if (param === undefined || param === '') return null;
  return typeof param === 'string' && isCode(param) ? CONNECT_ERRORS[param] : GENERIC_CONNECT_ERROR;
}

/** X's rule for handles: what a `connected` parameter must look like before it is even looked up. */
const X_HANDLE = /^[A-Za-z0-9_]{1,15}$/;

/**
 * The handle to confirm for the page's `connected` parameter: only one of the person's own
 * accounts (as stored, not as typed in the link), so a link cannot claim any other handle.
 */
export function connectedHandle(param: string | string[] | undefined, owned: readonly { username: string }[]): string | null {
  if (typeof param !== 'string' || !X_HANDLE.test(param)) return null;
  // X handles are case-insensitive.
  const wanted = param.toLowerCase();
  return owned.find((a) => a.username.toLowerCase() === wanted)?.username ?? null;
}
