// @xmpp/client 0.14 ships no type declarations; this is the part the tests use.
declare module '@xmpp/client' {
  import type { XmppJsCredentialsHandler, XmppJsSaslFactory } from '@xmpp-token/client';

  interface XmppClient {
    readonly saslFactory: XmppJsSaslFactory;
    /** offline, connecting, open, online, disconnect, ... */
    readonly status: string;
    start(): Promise<unknown>;
    stop(): Promise<unknown>;
    /** Closes the connection but not the client: @xmpp/reconnect then reconnects. */
    disconnect(): Promise<unknown>;
    on(event: 'error', listener: (error: Error) => void): this;
  }

  export function client(options: {
    service: string;
    domain?: string;
    resource?: string;
    credentials?: XmppJsCredentialsHandler;
    username?: string;
    password?: string;
  }): XmppClient;
}
