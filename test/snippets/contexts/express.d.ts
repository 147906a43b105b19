// The `express` context (```js fragment=express): the `node` context plus an Express 5 app with
// the usual middleware packages, and the adapter names fragments use without importing.
/// <reference path="./node.d.ts" />

declare const app: import('express').Express;
declare const session: typeof import('express-session');
declare const passport: typeof import('passport');
declare const XmppTokenStrategy: typeof import('@xmpp-token/passport').XmppTokenStrategy;
declare const verify: import('@xmpp-token/passport').VerifyFunction<SnippetUser>;
declare const issueXmppToken: typeof import('@xmpp-token/express').issueXmppToken;
declare const verifyXmppToken: typeof import('@xmpp-token/express').verifyXmppToken;
declare const xmppCredentials: typeof import('@xmpp-token/express').xmppCredentials;
declare const isXmppTokenError: typeof import('@xmpp-token/express').isXmppTokenError;
