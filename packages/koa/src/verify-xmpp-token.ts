import type { VerificationError } from '@xmpp-token/core';
import {
  createRequestAuthenticator,
  isCorsPreflight,
  type AuthenticationOutcome,
  type RequestAuthenticatorOptions,
  type XmppIdentity,
} from '@xmpp-token/core/adapter';
import type { Context, Middleware } from 'koa';
import { nodeRequest, requestView } from './internal/request-view.js';

/** Options of {@link verifyXmppToken}: core's, plus how a rejection is reported. */
export interface VerifyXmppTokenOptions extends RequestAuthenticatorOptions<Context> {
  /** Put the precise reason in the 401 message (`... (expired)`). Default false. */
  readonly debug?: boolean;
  /**
   * Record a 401 rejection on `ctx.state.xmppError` and continue, as koa-jwt's `passthrough`.
   * A replay-store failure still throws a 500. Default false.
   */
  readonly passthrough?: boolean;
}

/** What {@link verifyXmppToken} adds to `ctx.state`. */
export interface XmppState {
  /** The verified identity; absent for anonymous or rejected requests. */
  xmpp?: XmppIdentity;
  /** Why the request was rejected, with `passthrough` only. */
  xmppError?: VerificationError;
}

/**
 * Koa middleware that authenticates a request by its X-TOKEN (default `Authorization: X-TOKEN
 * <base64>`) and sets `ctx.state.xmpp = { jid, expiresAt }`. A bad or missing token throws a 401
 * HttpError with `WWW-Authenticate`, a broken replay store the `VerificationError` (status 500).
 *
 * @example
 * ```ts
 * router.get('/api/me', verifyXmppToken({ xmppToken }), (ctx) => {
 *   ctx.body = { jid: ctx.state.xmpp?.jid };
 * });
 * ```
 */
export function verifyXmppToken(options: VerifyXmppTokenOptions): Middleware<XmppState> {
  const authenticate = createRequestAuthenticator(options);
  const { debug = false, passthrough = false } = options;

  const reject = (ctx: Context, error: VerificationError): void => {
    // Fail closed: a store that cannot answer is the server's fault, never an anonymous pass.
    if (error.status === 500) throw error;
    if (passthrough) {
      ctx.state.xmppError = error;
      return;
    }
    const message = debug ? `${error.message} (${error.reason})` : error.message;
    // Koa's error handler sends `headers` with the response; `originalError` as koa-jwt names it.
    ctx.throw(401, message, {
      headers: { 'WWW-Authenticate': error.wwwAuthenticate },
      reason: error.reason,
      originalError: error,
    });
  };

  const apply = (ctx: Context, outcome: AuthenticationOutcome): void => {
    if (outcome.status === 'authenticated') ctx.state.xmpp = outcome.identity;
    else if (outcome.status === 'rejected') reject(ctx, outcome.error);
  };

  // Not an async function: with a synchronous extractor and store (the defaults) the decision is
  // made before `next` is called, with no promise of its own. A refusal still rejects (never a
  // synchronous throw), as an async middleware's would.
  return function verifyXmppTokenMiddleware(ctx, next) {
    if (isCorsPreflight(nodeRequest(ctx))) return next();
    const outcome = authenticate(requestView(ctx));
    if (outcome instanceof Promise) {
      return outcome.then((settled) => {
        apply(ctx, settled);
        return next();
      });
    }
    try {
      apply(ctx, outcome);
    } catch (error) {
      return Promise.reject(error as Error);
    }
    return next();
  };
}
