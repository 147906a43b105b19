import { createCredentialsResponder } from '@xmpp-token/core/adapter';
import { credentialsResponse } from '@xmpp-token/fetch';
import type { Context } from 'hono';
import type { IssueXmppTokenOptions } from './issue-xmpp-token.js';
import { requireIdentity } from './internal/require-identity.js';

/** Options of {@link xmppCredentials}: the same as `issueXmppToken`'s. */
export type XmppCredentialsOptions = IssueXmppTokenOptions;

/**
 * The Converse.js `credentials_url` handler: `GET` (and `HEAD`) answer `{ jid, password }` with
 * a fresh token for the signed-in user and no-store headers; 401 JSON when nobody is signed in;
 * 405 for other methods (mounted with `app.all`). It sets no CORS header.
 *
 * @example
 * ```ts
 * app.get('/xmpp/credentials', xmppCredentials({ xmppToken, identity: (c) => c.get('user') }));
 * ```
 */
export function xmppCredentials(
  options: XmppCredentialsOptions,
): (c: Context) => Promise<Response> {
  const respond = createCredentialsResponder<Context>(options, requireIdentity(options?.identity));
  return async (c) => credentialsResponse(await respond(c.req.method, c), c.req.method);
}
