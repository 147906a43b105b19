// The `node` context of README fragments (```ts fragment): what a Node app has at hand before
// the lines a README shows. Globals, so that a fragment's own imports and declarations shadow
// them. Keep it to names READMEs use; every one is typed as the app would have it.

/** Prosody's token_secret and otp_seed, the VirtualHost, a token received from a client. */
declare const tokenSecret: string;
declare const otpSeed: string;
declare const domain: string;
declare const token: string;

/** What `createXmppToken(...)` returned, and the function itself (for fragments not importing it). */
declare const xmppToken: import('@xmpp-token/core').XmppToken;
declare const createXmppToken: typeof import('@xmpp-token/core').createXmppToken;

/** A connected ioredis client. */
declare const redis: import('ioredis').Redis;

/** The app's user directory. */
interface SnippetUser {
  readonly id: number;
  readonly jid: string;
}
declare const users: {
  findByJid(jid: string): Promise<SnippetUser | undefined>;
  get(jid: string): SnippetUser | undefined;
};

/** An app that checked its environment at start-up: these are set. */
declare namespace NodeJS {
  interface ProcessEnv {
    readonly XMPP_TOKEN_SECRET: string;
    readonly XMPP_OTP_SEED: string;
    readonly XMPP_DOMAIN: string;
  }
}
