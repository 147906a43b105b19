export { XmppTokenStrategy } from './xmpp-token-strategy.js';
export type {
  XmppTokenStrategyOptions,
  XmppTokenAuthInfo,
  XmppTokenFailureInfo,
} from './xmpp-token-strategy.js';
export type {
  VerifyFunction,
  VerifyFunctionWithRequest,
  VerifyReturn,
  VerifiedCallback,
  VerifiedUser,
  VerifyInfo,
} from './internal/call-verify.js';

// What apps pass as options or catch, so that they import from this package alone.
export {
  fromAuthorizationHeader,
  fromHeader,
  fromCookie,
  fromBody,
  fromFirst,
} from '@xmpp-token/core/adapter';
export type {
  CredentialsExtractor,
  TokenCredentials,
  RequestView,
  RejectionHook,
  XmppIdentity,
} from '@xmpp-token/core/adapter';
export { VerificationError, isXmppTokenError } from '@xmpp-token/core';
export type { RejectionReason, XmppTokenErrorCode } from '@xmpp-token/core';

// Optional, like the Express adapter's request properties: `req.authInfo` is also what other
// strategies set, so these are present only after this one succeeded.
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- Passport's augmentation point
  namespace Express {
    interface AuthInfo {
      /** The verified bare JID; set by `XmppTokenStrategy`. */
      jid?: string;
      /** When the token stops verifying; set by `XmppTokenStrategy`. */
      expiresAt?: Date;
    }
  }
}
