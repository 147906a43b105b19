import { ConfigurationError, type XmppToken } from '@xmpp-token/core';
import { createCredentialsResponder } from '@xmpp-token/core/adapter';
import { credentialsResponse } from './credentials-response.js';

/** Options of {@link xmppCredentials}. */
export interface XmppCredentialsOptions {
  /** The configured minter, from `createXmppToken`. */
  readonly xmppToken: XmppToken;
  /**
   * The signed-in user of a request, sync or async: a JID, a localpart, or an object with `jid`
   * or `username`; nullish for anonymous. Required: the fetch API has no session of its own.
   */
  readonly identity: (request: Request) => unknown;
}

/**
 * The Converse.js `credentials_url` handler on the fetch API: `GET` (and `HEAD`) answer
 * `{ jid, password }` with a fresh token for the signed-in user and no-store headers; 401 JSON
 * when nobody is signed in; 405 for other methods. It sets no CORS header. Rejects if the
 * identity function throws or names a JID Prosody would refuse (`ERR_XMPP_TOKEN_INVALID_JID`).
 *
 * @example
 * ```ts
 * // app/xmpp/credentials/route.ts (Next.js)
 * export const GET = xmppCredentials({ xmppToken, identity: async () => (await auth())?.user?.name });
 * ```
 */
export function xmppCredentials(
  options: XmppCredentialsOptions,
): (request: Request) => Promise<Response> {
  if (typeof options?.identity !== 'function') {
    throw new ConfigurationError(
      'identity is required: pass (request) => the signed-in user, or nullish',
    );
  }
  const respond = createCredentialsResponder<Request>(options, options.identity);
  return async (request) =>
    credentialsResponse(await respond(request.method, request), request.method);
}
