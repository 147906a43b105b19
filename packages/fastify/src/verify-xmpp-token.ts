import type { VerificationError } from '@xmpp-token/core';
import {
  createNodeRequestView,
  createRequestAuthenticator,
  isCorsPreflight,
  type RequestAuthenticatorOptions,
} from '@xmpp-token/core/adapter';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Options of {@link verifyXmppToken}: core's authenticator options plus `debug`. */
export interface VerifyXmppTokenOptions extends RequestAuthenticatorOptions<FastifyRequest> {
  /** Put the precise reason in the 401 message (`... (expired)`). Default false. */
  readonly debug?: boolean;
}

/**
 * A verifying hook: use it as `onRequest` (the default token location is a header, so nothing
 * needs parsing first), as `preHandler` (needed by `fromBody()`), or inside `@fastify/auth`.
 */
export type XmppAuthenticateHook = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

/**
 * A hook that authenticates a request by its X-TOKEN (default `Authorization: X-TOKEN
 * <base64>`) and sets `request.xmpp = { jid, expiresAt }`. A refused token throws the core
 * `VerificationError` (`statusCode` 401, `headers` with `WWW-Authenticate`) to Fastify's error
 * handler, as `@fastify/jwt` throws its 401s; a broken replay store throws it with status 500,
 * never an accept. CORS preflights pass untouched.
 *
 * @example
 * ```ts
 * app.get('/api/me', { onRequest: verifyXmppToken({ xmppToken }) }, async (request) => ({
 *   jid: request.xmpp?.jid,
 * }));
 * ```
 */
export function verifyXmppToken(options: VerifyXmppTokenOptions): XmppAuthenticateHook {
  const authenticate = createRequestAuthenticator<FastifyRequest>(options);
  const debug = options.debug === true;
  return async function xmppAuthenticate(request) {
    if (isCorsPreflight(request)) return;
    const outcome = await authenticate(createNodeRequestView(request));
    if (outcome.status === 'rejected') throw asFastifyError(outcome.error, debug);
    // null for an anonymous pass, as typed, also on requests the plugin did not decorate.
    request.xmpp = outcome.status === 'authenticated' ? outcome.identity : null;
  };
}

/**
 * Fastify's error handlers (and @fastify/jwt users' own) read `statusCode`; core's error has
 * `status`. The error is fresh for each request, so it is completed in place.
 */
function asFastifyError(error: VerificationError, debug: boolean): VerificationError {
  const message = debug ? `${error.message} (${error.reason})` : error.message;
  return Object.defineProperties(error, {
    statusCode: { value: error.status, enumerable: true },
    message: { value: message, writable: true, configurable: true },
  });
}
