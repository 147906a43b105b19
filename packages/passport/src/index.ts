export { XmppTokenStrategy } from './xmpp-token-strategy.js';
export type { XmppTokenStrategyOptions, XmppTokenAuthInfo } from './xmpp-token-strategy.js';
export type {
  VerifyFunction,
  VerifyFunctionWithRequest,
  VerifyReturn,
  VerifiedCallback,
  VerifiedUser,
  VerifyInfo,
} from './internal/call-verify.js';
export {
  fromAuthorizationHeader,
  fromHeader,
  fromCookie,
  fromBody,
  fromFirst,
} from '@xmpp-token/core';
export type { CredentialsExtractor, TokenCredentials, RequestView } from '@xmpp-token/core';
