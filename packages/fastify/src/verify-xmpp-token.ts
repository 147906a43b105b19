import type { VerificationError } from '@xmpp-token/core';
import {
  createNodeRequestView,
  createRequestAuthenticator,
  isCorsPreflight,
  type AuthenticationOutcome,
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
 * Fastify passes `done`, which it calls before returning when the extractor and the replay store
 * answer synchronously (the defaults); called without `done`, it returns a promise.
 */
export interface XmppAuthenticateHook {
  (request: FastifyRequest, reply: FastifyReply): Promise<void>;
  (request: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void): void;
}

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
  // The refusal to pass on, or undefined once the request is let through.
  const apply = (request: FastifyRequest, outcome: AuthenticationOutcome) => {
    if (outcome.status === 'rejected') return asFastifyError(outcome.error, debug);
    // null for an anonymous pass, as typed, also on requests the plugin did not decorate.
    request.xmpp = outcome.status === 'authenticated' ? outcome.identity : null;
    return undefined;
  };
  // Not an async function (Fastify refuses those with a `done` parameter): it answers through
  // `done` when given one and the outcome is at hand, else through the promise it returns.
  function xmppAuthenticate(request: FastifyRequest, _reply: FastifyReply, done?: Done) {
    if (isCorsPreflight(request)) return finish(done, undefined);
    const outcome = authenticate(createNodeRequestView(request));
    if (outcome instanceof Promise) {
      return outcome.then((settled) => {
        const error = apply(request, settled);
        if (error !== undefined) throw error;
      });
    }
    return finish(done, apply(request, outcome));
  }
  return xmppAuthenticate as XmppAuthenticateHook;
}

type Done = (error?: Error) => void;

function finish(done: Done | undefined, error: Error | undefined): Promise<void> | undefined {
  if (done === undefined) return error === undefined ? Promise.resolve() : Promise.reject(error);
  done(error);
  return undefined;
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
