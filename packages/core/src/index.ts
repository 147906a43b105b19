export { createXmppToken } from './create-xmpp-token.js';
export type { XmppToken, XmppTokenOptions } from './create-xmpp-token.js';
export type {
  MintedToken,
  VerifyResult,
  VerifySuccess,
  VerifyFailure,
  VerifyFailureReason,
} from './verify-result.js';
export { VERIFY_FAILURE_REASONS } from './verify-result.js';

export type { ReplayStore } from './replay-store.js';
export { createMemoryReplayStore } from './create-memory-replay-store.js';
export type { MemoryReplayStore, MemoryReplayStoreOptions } from './create-memory-replay-store.js';

export { normalizeJid } from './normalize-jid.js';
export { encodeSaslResponse, decodeSaslResponse } from './sasl-response.js';
export type { SaslCredentials } from './sasl-response.js';
export {
  AUTHORIZATION_SCHEME,
  formatAuthorizationHeader,
  parseAuthorizationHeader,
} from './authorization-header.js';

export { generateKeys } from './generate-keys.js';
export type { GeneratedKeys } from './generate-keys.js';
export { prosodyConfig } from './prosody-config.js';

export {
  fromAuthorizationHeader,
  fromHeader,
  fromCookie,
  fromBody,
  fromFirst,
} from './request-credentials.js';
export type { TokenCredentials, RequestView, CredentialsExtractor } from './request-credentials.js';
export { createRequestAuthenticator } from './create-request-authenticator.js';
export type {
  RequestAuthenticatorOptions,
  AuthenticationOutcome,
  XmppIdentity,
} from './create-request-authenticator.js';
export {
  createTokenIssuer,
  identityOf,
  credentialsBody,
  TOKEN_RESPONSE_HEADERS,
} from './create-token-issuer.js';
export type { IdentityResolver } from './create-token-issuer.js';
export { VerificationError, HTTP_STATUS_BY_REASON, formatChallenge } from './verification-error.js';
export { isCorsPreflight } from './is-cors-preflight.js';
export { createNodeRequestView } from './create-node-request-view.js';
export type { NodeLikeRequest } from './create-node-request-view.js';
export { defineLazyToken } from './define-lazy-token.js';
export { createCredentialsResponder } from './create-credentials-responder.js';
export type { CredentialsReply, NotSignedInBody } from './create-credentials-responder.js';
export type { RejectionReason } from './verification-error.js';

export {
  XmppTokenError,
  ConfigurationError,
  InvalidJidError,
  ReplayStoreError,
  isXmppTokenError,
} from './errors.js';
export type { XmppTokenErrorCode } from './errors.js';
