import type { Socket } from 'node:net';
import { socketChannel } from '../xmpp/channel.js';
import { connectSocket, secureSocket, type TrustOptions } from '../xmpp/sockets.js';
import { upgradeToWebSocket } from '../xmpp/web-socket.js';
import { childOf, NS, type XmlElement } from '../xmpp/xml-element.js';
import type { XmppSession } from '../xmpp/xmpp-session.js';
import type { Diagnosis } from './probe-report.js';
import { describeFeatures, describeTls, featuresOrNone } from './stream-features.js';
import { starttlsUnavailable } from './stream-refusals.js';
import type { StepLog } from './step-log.js';

/** Where to probe: c2s with STARTTLS, c2s with direct TLS (XEP-0368), or a WebSocket URL. */
export type ProbeTarget =
  | { readonly transport: 'starttls'; readonly host: string; readonly port: number }
  | { readonly transport: 'direct-tls'; readonly host: string; readonly port: number }
  | { readonly transport: 'websocket'; readonly url: URL };

export interface StreamOptions {
  readonly domain: string;
  readonly target: ProbeTarget;
  readonly trust: TrustOptions;
  readonly timeoutMs: number;
}

/** The stream to log in on: its features (undefined when the server offered none) and security. */
export interface OpenedStream {
  readonly features: XmlElement | undefined;
  readonly encrypted: boolean;
}

/**
 * Connects and opens the stream that authentication will run on, recording each step: TCP, TLS
 * (direct, STARTTLS or `wss://`), the WebSocket upgrade, the stream features. Throws an
 * {@link XmppFailure}; returns a diagnosis for a c2s port that offers no STARTTLS.
 */
export async function openStream(
  session: XmppSession,
  options: StreamOptions,
  log: StepLog,
): Promise<OpenedStream | Diagnosis> {
  const { target, timeoutMs } = options;
  const websocket = target.transport === 'websocket';
  const host = websocket ? target.url.hostname.replace(/^\[|\]$/g, '') : target.host;
  const port = websocket ? Number(target.url.port) || defaultPort(target.url) : target.port;
  log.begin('connect');
  let socket: Socket = await connectSocket(host, port, timeoutMs);
  log.end('ok', `${host}:${port}`);
  if (target.transport === 'starttls') return startTls(session, socket, options, log);
  if (target.transport === 'direct-tls' || target.url.protocol === 'wss:') {
    log.begin('tls');
    const servername = websocket ? host : options.domain;
    const secure = await secureSocket(
      socket,
      servername,
      options.trust,
      timeoutMs,
      websocket ? 'http/1.1' : 'xmpp-client',
    );
    socket = secure.socket;
    log.end('ok', `${websocket ? 'wss://' : 'direct TLS'}, ${describeTls(secure.details)}`);
  } else {
    log.skip('tls', 'ws:// (unencrypted)');
  }
  if (websocket) {
    log.begin('websocket');
    session.attach(await upgradeToWebSocket(socket, target.url, timeoutMs, session.events));
    log.end('ok', 'upgraded, subprotocol xmpp');
  } else {
    session.attach(socketChannel(socket, session.events));
  }
  log.begin('features');
  const features = await featuresOrNone(session);
  log.end('ok', describeFeatures(features));
  return { features, encrypted: websocket ? target.url.protocol === 'wss:' : true };
}

async function startTls(
  session: XmppSession,
  socket: Socket,
  options: StreamOptions,
  log: StepLog,
): Promise<OpenedStream | Diagnosis> {
  session.attach(socketChannel(socket, session.events));
  log.begin('features');
  const plain = await featuresOrNone(session);
  if (plain === undefined || childOf(plain, 'starttls', NS.tls) === undefined) {
    if (!options.trust.insecure) {
      log.end('failed', `no STARTTLS offered (${describeFeatures(plain)})`);
      return starttlsUnavailable(options.domain);
    }
    log.end('ok', describeFeatures(plain));
    log.skip('tls', 'STARTTLS not offered: continuing unencrypted (--insecure)');
    return { features: plain, encrypted: false };
  }
  log.end('ok', 'STARTTLS offered');
  log.begin('tls');
  const handshake = await session.startTls();
  const secure = await secureSocket(handshake, options.domain, options.trust, options.timeoutMs);
  session.attach(socketChannel(secure.socket, session.events));
  const features = await featuresOrNone(session);
  log.end('ok', `STARTTLS, ${describeTls(secure.details)}`);
  return { features, encrypted: true };
}

function defaultPort(url: URL): number {
  return url.protocol === 'wss:' ? 443 : 80;
}
