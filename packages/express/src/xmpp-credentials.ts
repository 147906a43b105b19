import { createTokenIssuer, credentialsBody, TOKEN_RESPONSE_HEADERS } from '@xmpp-token/core';
import type { Request, RequestHandler } from 'express';
import type { IssueXmppTokenOptions } from './issue-xmpp-token.js';
import { signedInUser } from './internal/signed-in-user.js';

/** Options of {@link xmppCredentials}: the same as `issueXmppToken`'s. */
export type XmppCredentialsOptions = IssueXmppTokenOptions;

const NOT_SIGNED_IN = Object.freeze({
  error: 'unauthorized',
  message: 'Sign in to get XMPP credentials',
});

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
  const issue = createTokenIssuer<Request>(options.xmppToken, options.identity ?? signedInUser);
  return function xmppCredentialsHandler(req, res, next) {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.set('Allow', 'GET, HEAD').status(405).end();
      return;
    }
    issue(req)
      .then((mint) => {
        res.set(TOKEN_RESPONSE_HEADERS);
        if (mint === undefined) res.status(401).json(NOT_SIGNED_IN);
        else res.json(credentialsBody(mint()));
      })
      .catch(next);
  };
}
