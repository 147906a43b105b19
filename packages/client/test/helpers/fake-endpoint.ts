import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { XmppToken } from '@xmpp-token/core';
import {
  attachFakeXmppServer,
  type FakeXmppAuth,
} from '../../../../examples/demo/fake-xmpp-server.js';

/** The demo's fake XMPP WebSocket endpoint on a free loopback port, recording every `<auth>`. */
export interface FakeEndpoint {
  readonly url: string;
  readonly auths: FakeXmppAuth[];
  close(): Promise<void>;
}

/**
 * `host` 127.0.0.2 is loopback to the OS (all of 127/8 is) but not by the host-name rule of
 * browsers, xmpp.js and this package: a stand-in for a clear-text remote server.
 */
export async function startFakeEndpoint(
  xmppToken: XmppToken,
  host = '127.0.0.1',
): Promise<FakeEndpoint> {
  const auths: FakeXmppAuth[] = [];
  const server = createServer();
  const fake = attachFakeXmppServer(server, { xmppToken, onAuth: (auth) => auths.push(auth) });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://${host}:${port}/xmpp-websocket`,
    auths,
    async close() {
      await fake.close();
      await new Promise<void>((resolve, reject) =>
        server.close((e) => (e ? reject(e) : resolve())),
      );
    },
  };
}
