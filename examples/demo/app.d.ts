import type { Server } from 'node:http';
import type { XmppToken } from '@xmpp-token/core';
import type { FakeXmppAuth } from './fake-xmpp-server.js';

/** Builds the demo app and its HTTP server (not yet listening). */
export function createDemo(options: {
  readonly xmppToken: XmppToken;
  /** User name -> password. */
  readonly users: Readonly<Record<string, string>>;
  /** The XMPP server's WebSocket URL; undefined serves the built-in test endpoint. */
  readonly websocketUrl?: string | undefined;
  /** Reports each `<auth>` the built-in test endpoint receives. */
  readonly onAuth?: (auth: FakeXmppAuth) => void;
}): { readonly server: Server; close(): Promise<void> };
