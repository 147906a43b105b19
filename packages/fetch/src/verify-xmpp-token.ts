import type { VerificationError } from '@xmpp-token/core';
import {
  createRequestAuthenticator,
  type AuthenticationOutcome,
  type RequestAuthenticatorOptions,
  type XmppIdentity,
} from '@xmpp-token/core/adapter';
import { fetchRequestView, isFetchPreflight } from './internal/request-view.js';

/** Options of {@link verifyXmppToken}: core's authenticator options, over a `Request`. */
export interface VerifyXmppTokenOptions extends RequestAuthenticatorOptions<Request> {
  /** Put the precise `reason` in 401 bodies. Default false: it helps probing attackers. */
  readonly debug?: boolean;
}

/**
 * What {@link verifyXmppToken} resolves to: the identity (undefined for an anonymous request let
 * through, or a CORS preflight), or a refusal with the `Response` to return as it is.
 */
export type XmppVerification =
  | { readonly ok: true; readonly identity: XmppIdentity | undefined }
  | { readonly ok: false; readonly error: VerificationError; readonly response: Response };

const PASS: XmppVerification = Object.freeze({ ok: true, identity: undefined });

/**
 * Builds a verifier of web-standard requests carrying an X-TOKEN (default `Authorization:
 * X-TOKEN <base64 SASL response>`), for route handlers on the fetch API (Next.js, Remix,
 * SvelteKit, Bun, Deno). A refused token gives a ready 401 JSON `Response` with a
 * `WWW-Authenticate` challenge; a failing replay store a 500 one (log `error.cause`), never an
 * accept. CORS preflights pass. Rejects only if a custom extractor throws.
 *
 * @example
 * ```ts
 * const verify = verifyXmppToken({ xmppToken });
 * export async function GET(request: Request) {
 *   const auth = await verify(request);
 *   if (!auth.ok) return auth.response;
 *   return Response.json({ jid: auth.identity?.jid });
 * }
 * ```
 */
export function verifyXmppToken(
  options: VerifyXmppTokenOptions,
): (request: Request) => Promise<XmppVerification> {
  const authenticate = createRequestAuthenticator<Request>(options);
  const debug = options.debug === true;
  const verificationOf = (outcome: AuthenticationOutcome): XmppVerification => {
    if (outcome.status === 'authenticated') return { ok: true, identity: outcome.identity };
    if (outcome.status === 'anonymous') return PASS;
    const { error } = outcome;
    const response = Response.json(error.toResponseBody(debug), {
      status: error.status,
      headers: error.headers,
    });
    return { ok: false, error, response };
  };
  // Not an async function: on the synchronous path (default extractor and store) the answer is
  // ready at once, and only the promise the API promises is made for it.
  return (request) => {
    if (isFetchPreflight(request)) return Promise.resolve(PASS);
    const outcome = authenticate(fetchRequestView(request));
    if (outcome instanceof Promise) return outcome.then(verificationOf);
    return Promise.resolve(verificationOf(outcome));
  };
}
