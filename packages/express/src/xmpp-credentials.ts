import { createCredentialsResponder } from '@xmpp-token/core/adapter';
import type { Request, RequestHandler } from 'express';
import type { IssueXmppTokenOptions } from './issue-xmpp-token.js';
import { signedInUser } from './internal/signed-in-user.js';

/** Options of {@link xmppCredentials}: the same as `issueXmppToken`'s. */
export type XmppCredentialsOptions = IssueXmppTokenOptions;

/**
 * The Converse.js `credentials_url` handler: `GET` answers `{ jid, password }` with a fresh token
 * for the signed-in user, never cached; 401 when nobody is signed in. It sets no CORS header, so
 * other origins cannot read it (see the README to allow one trusted origin).
 *
 * @example
 * ```ts
 * app.get('/xmpp/credentials', xmppCredentials({ xmppToken }));
 * ```
 */
export function xmppCredentials(options: XmppCredentialsOptions): RequestHandler {
  const respond = createCredentialsResponder<Request>(options, signedInUser);
  return function xmppCredentialsHandler(req, res, next) {
    respond(req.method, req)
      .then(({ status, headers, body }) => {
        res.status(status).set(headers);
        if (body === undefined) res.end();
        else res.json(body);
      })
      .catch(next);
  };
}
