import type { MintedToken } from '@xmpp-token/core';
import type { XmppIdentity } from '@xmpp-token/core/adapter';

export { issueXmppToken } from './issue-xmpp-token.js';
export type { IssueXmppTokenOptions } from './issue-xmpp-token.js';
export { xmppCredentials } from './xmpp-credentials.js';
export type { XmppCredentialsOptions } from './xmpp-credentials.js';
export { verifyXmppToken } from './verify-xmpp-token.js';
export type { VerifyXmppTokenOptions } from './verify-xmpp-token.js';

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

// Optional on purpose: a required property (express-jwt v7's `auth`) broke strict users' handlers.
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- Express's augmentation point
  namespace Express {
    interface Request {
      /** The signed-in user's token, minted on first read; set by `issueXmppToken`. */
      xmppToken?: MintedToken;
      /** The identity of a verified X-TOKEN; set by `verifyXmppToken`. */
      xmpp?: XmppIdentity;
    }
    interface Locals {
      /** Same lazy token as `req.xmppToken`, for templates; set by `issueXmppToken`. */
      xmppToken?: MintedToken;
    }
  }
}
