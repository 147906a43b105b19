export { X_TOKEN } from './mechanism-name.js';
export { createStropheXToken } from './create-strophe-x-token.js';
export type {
  StropheConnectionLike,
  StrophePlainConstructor,
  StropheXTokenOptions,
} from './create-strophe-x-token.js';
export { registerXmppJsXToken } from './register-xmpp-js-x-token.js';
export type {
  XmppJsMechanism,
  XmppJsSaslCredentials,
  XmppJsSaslFactory,
} from './register-xmpp-js-x-token.js';
export { xmppJsCredentials } from './xmpp-js-credentials.js';
export type {
  XmppJsCredentialsHandler,
  XmppJsCredentialsOptions,
  XmppJsEntity,
} from './xmpp-js-credentials.js';
export { createCredentialsFetcher } from './create-credentials-fetcher.js';
export type {
  CredentialsFetcherOptions,
  FetchLike,
  XmppCredentials,
} from './create-credentials-fetcher.js';
export { registerConverseLogout } from './register-converse-logout.js';
export type {
  ConverseLike,
  ConverseLogout,
  ConverseLogoutOptions,
  SignedOutReason,
} from './register-converse-logout.js';
export { endXmppSessionOnLogout } from './end-xmpp-session-on-logout.js';
export type {
  LogoutFormLike,
  SubmitEventLike,
  XmppLogout,
  XmppLogoutOptions,
} from './end-xmpp-session-on-logout.js';
export { XmppTokenClientError, isXmppTokenClientError } from './client-error.js';
export type { XmppTokenClientErrorCode } from './client-error.js';
