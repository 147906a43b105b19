// `@xmpp-token/core/adapter`: what the framework adapters are built from (request views, token
// locations, the request authenticator, the minting side, the one reason -> status table).
// Apps use an adapter package; the protocol is in `@xmpp-token/core`.
export { createRequestView } from './adapter/create-request-view.js';
export type { RequestView, RequestAccess } from './adapter/create-request-view.js';
export { createNodeRequestView } from './adapter/create-node-request-view.js';
export type { NodeLikeRequest } from './adapter/create-node-request-view.js';
export { readHeader } from './adapter/read-header.js';
export { readCookie } from './adapter/read-cookie.js';

export {
  fromAuthorizationHeader,
  fromHeader,
  fromCookie,
  fromBody,
  fromFirst,
} from './adapter/request-credentials.js';
export type { TokenCredentials, CredentialsExtractor } from './adapter/request-credentials.js';

export { createRequestAuthenticator } from './adapter/create-request-authenticator.js';
export type {
  RequestAuthenticator,
  RequestAuthenticatorOptions,
  AuthenticationOutcome,
  XmppIdentity,
} from './adapter/create-request-authenticator.js';
export { createRejectionNotifier } from './adapter/create-rejection-notifier.js';
export type { RejectionHook, RejectionNotifier } from './adapter/create-rejection-notifier.js';
export { HTTP_STATUS_BY_REASON, formatChallenge } from './verification-error.js';
export { isCorsPreflight } from './adapter/is-cors-preflight.js';

export {
  createTokenIssuer,
  identityOf,
  credentialsBody,
  TOKEN_RESPONSE_HEADERS,
} from './adapter/create-token-issuer.js';
export type { IdentityResolver, TokenIssuerOptions } from './adapter/create-token-issuer.js';
export { createCredentialsResponder } from './adapter/create-credentials-responder.js';
export type { CredentialsReply, NotSignedInBody } from './adapter/create-credentials-responder.js';
export { defineLazyToken } from './adapter/define-lazy-token.js';
export { createTimeoutRace } from './adapter/create-timeout-race.js';
export type { TimeoutRace } from './adapter/create-timeout-race.js';
