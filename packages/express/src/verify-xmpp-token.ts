import {
  createNodeRequestView,
  createRequestAuthenticator,
  isCorsPreflight,
  type AuthenticationOutcome,
  type RequestAuthenticatorOptions,
} from '@xmpp-token/core/adapter';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

/** Options of {@link verifyXmppToken}: core's authenticator options plus Express error handling. */
export interface VerifyXmppTokenOptions extends RequestAuthenticatorOptions<Request> {
  /** Put the precise `reason` in 401 bodies. Default false: it helps probing attackers. */
  readonly debug?: boolean;
  /**
   * Call `next(err)` with the `VerificationError` (its `status` is 401) instead of answering,
   * for apps with their own error handler. Default false.
   */
  readonly passError?: boolean;
}

/**
 * Middleware that authenticates a request carrying an X-TOKEN (default: `Authorization: X-TOKEN
 * <base64 SASL response>`) and sets `req.xmpp = { jid, expiresAt }`. A refused token gets 401 with
 * a `WWW-Authenticate` challenge; a failing replay store goes to `next(err)` (500), never accepted.
 * CORS preflights pass untouched.
 *
 * @example
 * ```ts
 * app.get('/api/me', verifyXmppToken({ xmppToken }), (req, res) => res.json({ jid: req.xmpp?.jid }));
 * ```
 */
export function verifyXmppToken(options: VerifyXmppTokenOptions): RequestHandler {
  const authenticate = createRequestAuthenticator<Request>(options);
  const debug = options.debug === true;
  const passError = options.passError === true;

  const apply = (
    outcome: AuthenticationOutcome,
    req: Request,
    res: Response,
    next: NextFunction,
  ) => {
    if (outcome.status === 'authenticated') req.xmpp = outcome.identity;
    if (outcome.status !== 'rejected') return next();
    const { error } = outcome;
    if (error.status === 500 || passError) return next(error);
    res
      .status(401)
      .set('WWW-Authenticate', error.wwwAuthenticate)
      .json(error.toResponseBody(debug));
  };

  return function verifyXmppTokenMiddleware(req, res, next) {
    if (isCorsPreflight(req)) return next();
    const outcome = authenticate(createNodeRequestView(req));
    // Synchronous extractor and store (the defaults): `next` is called before returning.
    if (!(outcome instanceof Promise)) return apply(outcome, req, res, next);
    outcome.then((settled) => apply(settled, req, res, next)).catch(next);
  };
}
