import type { MintedToken } from '@xmpp-token/core';
import type { XmppIdentity } from '@xmpp-token/core/adapter';
import { fastifyXmppToken } from './fastify-xmpp-token.js';
import type { XmppAuthenticateHook } from './verify-xmpp-token.js';
import type { XmppCredentialsHandler } from './xmpp-credentials.js';

export { fastifyXmppToken };
export default fastifyXmppToken;
export type { FastifyXmppTokenOptions } from './fastify-xmpp-token.js';
export { verifyXmppToken } from './verify-xmpp-token.js';
export type { VerifyXmppTokenOptions, XmppAuthenticateHook } from './verify-xmpp-token.js';
export { xmppCredentials } from './xmpp-credentials.js';
export type { XmppCredentialsOptions, XmppCredentialsHandler } from './xmpp-credentials.js';

// What apps pass as options or catch, so that they import from this package alone.
export {
  fromAuthorizationHeader,
  fromHeader,
  fromCookie,
  fromBody,
  fromFirst,
  TOKEN_RESPONSE_HEADERS,
} from '@xmpp-token/core/adapter';
export type {
  CredentialsExtractor,
  TokenCredentials,
  RequestView,
  RejectionHook,
  XmppIdentity,
} from '@xmpp-token/core/adapter';
export { VerificationError, isXmppTokenError } from '@xmpp-token/core';
export type { MintedToken, RejectionReason, XmppTokenErrorCode } from '@xmpp-token/core';

// Fastify's declaration merging, as @fastify/jwt does for `request.user` and `fastify.jwt`.
declare module 'fastify' {
  interface FastifyRequest {
    /** The identity of a verified X-TOKEN, set by `xmppAuthenticate`; null otherwise. */
    xmpp: XmppIdentity | null;
    /** The signed-in user's token, minted on first read; null for anonymous requests. */
    xmppToken: MintedToken | null;
  }
  interface FastifyInstance {
    /** The plugin's verifying hook: `{ onRequest: app.xmppAuthenticate }`, `app.auth([...])`. */
    xmppAuthenticate: XmppAuthenticateHook;
    /** The plugin's Converse.js `credentials_url` handler: `app.get(path, app.xmppCredentials)`. */
    xmppCredentials: XmppCredentialsHandler;
  }
}
