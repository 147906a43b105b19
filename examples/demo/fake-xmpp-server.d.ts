import type { Server } from 'node:http';
import type { VerifyResult, XmppToken } from '@xmpp-token/core';

/** One `<auth>` the fake endpoint received. */
export interface FakeXmppAuth {
  /** The authcid (localpart), or undefined when the initial response did not decode. */
  readonly authcid: string | undefined;
  /** The base64 initial response as the client sent it. */
  readonly response: string;
  /** Core's verification of the token. */
  readonly result: VerifyResult | { readonly ok: false; readonly reason: 'malformed' };
}

/** Serves a fake XMPP-over-WebSocket endpoint (X-TOKEN SASL and binding) on `path`. */
export function attachFakeXmppServer(
  httpServer: Server,
  options: {
    readonly xmppToken: XmppToken;
    readonly path?: string;
    readonly onAuth?: (auth: FakeXmppAuth) => void;
  },
): { close(): Promise<void> };
