export { verifyXmppToken } from './verify-xmpp-token.js';
export type { VerifyXmppTokenOptions, XmppVerification } from './verify-xmpp-token.js';
export { xmppCredentials } from './xmpp-credentials.js';
export type { XmppCredentialsOptions } from './xmpp-credentials.js';
export { credentialsResponse } from './credentials-response.js';
