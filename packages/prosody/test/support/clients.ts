// The two kinds of client the tests log in with: xmpp.js (a real client, through to resource
// binding) and the raw stream of @xmpp-token/prosody/test-server (exact SASL answers, any bytes).
import { WebSocket } from 'ws';
import { client, xml, type XmppElement } from '@xmpp/client';
import { registerXmppJsXToken, xmppJsCredentials } from '@xmpp-token/client';
import { encodeSaslResponse } from '@xmpp-token/core';
import {
  openXmppStream,
  type SaslOutcome,
  type XmppStreamOptions,
} from '@xmpp-token/prosody/test-server';

// @xmpp/websocket uses the global WebSocket, which Node 20 lacks.
(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;

type Credentials = { readonly jid: string; readonly password: string };

/** An xmpp.js client with X-TOKEN registered and these credentials; not started. */
function xmppJs(service: string, domain: string, credentials: Credentials) {
  // xmpp.js calls only TLS secure on TCP; the test server's c2s is plain on loopback.
  const allowInsecure = service.startsWith('xmpp://127.0.0.1:');
  const fetch = async () => credentials;
  const xmpp = client({
    service,
    domain,
    credentials: xmppJsCredentials(fetch, { allowInsecure }),
  });
  xmpp.on('error', () => undefined); // start() rejects with the same error
  registerXmppJsXToken(xmpp.saslFactory);
  return xmpp;
}

/**
 * Logs in with xmpp.js and X-TOKEN at `service` (xmpp:// or ws://) and resolves the bound full
 * JID; rejects with xmpp.js's error (its `condition` says why) when refused.
 */
export async function xmppJsLogin(
  service: string,
  domain: string,
  credentials: Credentials,
): Promise<string> {
  const xmpp = xmppJs(service, domain, credentials);
  try {
    return String(await xmpp.start());
  } finally {
    await xmpp.stop().catch(() => undefined);
  }
}

/** One X-TOKEN attempt on a fresh raw stream: the initial response as given (base64). */
export async function rawAttempt(
  options: XmppStreamOptions,
  initialResponse: string | undefined,
): Promise<SaslOutcome> {
  const stream = await openXmppStream(options);
  try {
    return await stream.authenticate(initialResponse);
  } finally {
    stream.close();
  }
}

/** One X-TOKEN login attempt for `authcid` with `token`, on a fresh raw stream. */
export function rawLogin(
  options: XmppStreamOptions,
  authcid: string,
  token: string,
): Promise<SaslOutcome> {
  return rawAttempt(options, encodeSaslResponse({ authcid, token }));
}

export const ACCEPTED: SaslOutcome = { success: true };
export const NOT_AUTHORIZED: SaslOutcome = { success: false, condition: 'not-authorized' };
export const MALFORMED: SaslOutcome = { success: false, condition: 'malformed-request' };

/** An xmpp.js client logged in with a token, kept online, with the stanzas it received. */
export interface OnlineClient {
  readonly received: XmppElement[];
  send(stanza: XmppElement): Promise<void>;
  stop(): Promise<void>;
}

/** Logs in like {@link xmppJsLogin} and stays online (initial presence sent). */
export async function xmppJsOnline(
  service: string,
  domain: string,
  credentials: Credentials,
): Promise<OnlineClient> {
  const xmpp = xmppJs(service, domain, credentials);
  const received: XmppElement[] = [];
  xmpp.on('stanza', (stanza) => received.push(stanza));
  await xmpp.start();
  await xmpp.send(xml('presence'));
  return {
    received,
    send: (stanza) => xmpp.send(stanza),
    stop: async () => void (await xmpp.stop()),
  };
}
