import { isXmppTokenClientError } from '../client-error.js';

/**
 * The credentials route's answer when nobody is signed in (`xmppCredentials` of every adapter).
 * Not a transient failure: retrying cannot help until the user signs in again, so the chat stops.
 */
export const SIGNED_OUT_STATUS = 401;

/** True for the fetcher's rejection of a 401 answer: the web session is over. */
export function isSignedOutError(error: unknown): boolean {
  return (
    isXmppTokenClientError(error, 'ERR_XMPP_TOKEN_CREDENTIALS') &&
    error.status === SIGNED_OUT_STATUS
  );
}
