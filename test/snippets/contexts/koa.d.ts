// The `koa` context (```ts fragment=koa): the `node` context plus a Koa 3 app, its usual
// middleware packages, and the adapter names fragments use without importing.
/// <reference path="./node.d.ts" />

declare const Koa: typeof import('koa');
declare const app: InstanceType<typeof import('koa')>;
declare const cors: typeof import('@koa/cors');
declare const issueXmppToken: typeof import('@xmpp-token/koa').issueXmppToken;
declare const verifyXmppToken: typeof import('@xmpp-token/koa').verifyXmppToken;
declare const xmppCredentials: typeof import('@xmpp-token/koa').xmppCredentials;
declare const isXmppTokenError: typeof import('@xmpp-token/koa').isXmppTokenError;
