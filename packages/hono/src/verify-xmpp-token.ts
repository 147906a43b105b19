import {
  createRejectionNotifier,
  type RejectionHook,
  type XmppIdentity,
} from '@xmpp-token/core/adapter';
import {
  verifyXmppToken as verifyRequest,
  type VerifyXmppTokenOptions as FetchOptions,
  type XmppVerification,
} from '@xmpp-token/fetch';
import type { Context, MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import { HTTPException } from 'hono/http-exception';

/** Options of {@link verifyXmppToken}: those of `@xmpp-token/fetch`, the hook given Hono's `c`. */
export interface VerifyXmppTokenOptions extends Omit<FetchOptions, 'onRejected'> {
  /**
   * Observes every refusal with its `VerificationError` (`reason`) and the Context `c`; it
   * cannot change the answer, and a hook that throws is reported as a process warning.
   */
  readonly onRejected?: RejectionHook<Context>;
}

/** The variable {@link verifyXmppToken} sets, as `hono/jwt`'s `JwtVariables`: `c.get('xmpp')`. */
export interface XmppVariables {
  /** The verified identity. */
  xmpp: XmppIdentity;
}

/**
 * Hono middleware, in the manner of `hono/jwt`, that authenticates a request by its X-TOKEN
 * (default `Authorization: X-TOKEN <base64>`) and sets `c.get('xmpp') = { jid, expiresAt }`. A
 * refused token throws an `HTTPException(401)` carrying the JSON response with its
 * `WWW-Authenticate` challenge (`cause`: the `VerificationError`); a failing replay store throws
 * the `VerificationError` itself (status 500), so `onError` logs it. CORS preflights pass.
 * With `credentialsRequired: false`, `c.get('xmpp')` is typed `XmppIdentity | undefined`.
 *
 * @example
 * ```ts
 * app.get('/api/me', verifyXmppToken({ xmppToken }), (c) => c.json({ jid: c.get('xmpp').jid }));
 * ```
 */
export function verifyXmppToken(
  options: VerifyXmppTokenOptions & { readonly credentialsRequired?: true },
): MiddlewareHandler<{ Variables: XmppVariables }>;
export function verifyXmppToken(
  options: VerifyXmppTokenOptions,
): MiddlewareHandler<{ Variables: Partial<XmppVariables> }>;
export function verifyXmppToken(options: VerifyXmppTokenOptions): MiddlewareHandler {
  const { onRejected, ...fetchOptions } = options;
  const verify = verifyRequest(fetchOptions);
  const notifyRejected = createRejectionNotifier(onRejected);
  // No async function of its own: one promise, the fetch verifier's, between request and `next`.
  return createMiddleware((c, next) =>
    verify(c.req.raw).then((result) => {
      if (!result.ok) {
        notifyRejected(result.error, c);
        throw rejection(result);
      }
      if (result.identity !== undefined) c.set('xmpp', result.identity);
      return next();
    }),
  );
}

function rejection({ error, response }: Extract<XmppVerification, { ok: false }>): Error {
  // Fail closed and loud: a store outage goes to onError (logged), not out as a quiet 500.
  if (error.status === 500) return error;
  return new HTTPException(error.status, { res: response, message: error.message, cause: error });
}
