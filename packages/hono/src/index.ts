export { issueXmppToken } from './issue-xmpp-token.js';
export type { IssueXmppTokenOptions, XmppTokenVariables } from './issue-xmpp-token.js';
export { xmppCredentials } from './xmpp-credentials.js';
export type { XmppCredentialsOptions } from './xmpp-credentials.js';
export { verifyXmppToken } from './verify-xmpp-token.js';
export type { VerifyXmppTokenOptions, XmppVariables } from './verify-xmpp-token.js';
