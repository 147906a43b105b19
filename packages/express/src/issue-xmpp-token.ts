import type { XmppToken } from '@xmpp-token/core';
import { createTokenIssuer, defineLazyToken } from '@xmpp-token/core/adapter';
import type { Request, RequestHandler } from 'express';
import { signedInUser } from './internal/signed-in-user.js';

/** Options of {@link issueXmppToken} (and of `xmppCredentials`). */
export interface IssueXmppTokenOptions {
  /** The configured minter, from `createXmppToken`. */
  readonly xmppToken: XmppToken;
  /**
   * The signed-in user of a request, sync or async: a JID, a localpart, or an object with `jid`
   * or `username`; nullish for anonymous. Default `req.user ?? req.session?.user`.
   */
  readonly identity?: (req: Request) => unknown;
}

/**
 * Middleware that gives signed-in requests a lazily minted token on `req.xmppToken` and
 * `res.locals.xmppToken`: nothing is minted unless a route (or a template) reads it. Anonymous
 * requests pass with no token; an identity function that throws goes to `next(err)`, and so does
 * an identity that is no JID Prosody accepts (`ERR_XMPP_TOKEN_INVALID_JID`) or one of a domain
 * the `xmppToken` does not serve (`ERR_XMPP_TOKEN_FOREIGN_DOMAIN`).
 *
 * @example
 * ```ts
 * app.use(session({ ... }), issueXmppToken({ xmppToken }));
 * app.get('/chat', (req, res) => res.render('chat', { jid: req.xmppToken?.jid }));
 * ```
 */
export function issueXmppToken(options: IssueXmppTokenOptions): RequestHandler {
  const issue = createTokenIssuer<Request>(options, signedInUser);
  return function issueXmppTokenMiddleware(req, res, next) {
    issue(req)
      .then((mint) => {
        if (mint !== undefined) {
          // Not enumerable on req, so generic serializers don't mint (or log) a token; enumerable
          // on res.locals, because Express copies locals into the view options when rendering.
          defineLazyToken(req, mint, false);
          defineLazyToken(res.locals, mint, true);
        }
        next();
      })
      .catch(next);
  };
}
