export { verifyXmppToken } from './verify-xmpp-token.js';
export type { VerifyXmppTokenOptions, XmppVerification } from './verify-xmpp-token.js';
export { xmppCredentials } from './xmpp-credentials.js';
export type { XmppCredentialsOptions } from './xmpp-credentials.js';
export { credentialsResponse } from './credentials-response.js';

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
