import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';

/** A byte pipe to an XMPP server that hands over text as it arrives. */
export interface Transport {
  readonly kind: 'tcp' | 'websocket';
  encrypted: boolean;
  send(text: string): void;
  /** TCP only: starts TLS on the open socket (after `<proceed/>`). */
  startTls(): Promise<void>;
  close(): void;
}

/** What a transport reports to its owner. */
export interface TransportEvents {
  onText(text: string): void;
  onClose(reason: string): void;
}

/** How to reach the server. */
export interface TransportOptions {
  readonly url: URL;
  readonly domain: string;
  readonly ca: string | undefined;
  readonly headers: Readonly<Record<string, string>>;
}

/** Opens `xmpp://`, `xmpps://`, `ws://` or `wss://`, resolving once connected. */
export function openTransport(
  options: TransportOptions,
  events: TransportEvents,
): Promise<Transport> {
  const { protocol } = options.url;
  if (protocol === 'ws:' || protocol === 'wss:') return openWebSocket(options, events);
  if (protocol === 'xmpp:' || protocol === 'xmpps:') return openTcp(options, events);
  return Promise.reject(new TypeError(`unsupported XMPP URL scheme: ${protocol}`));
}

async function openTcp(options: TransportOptions, events: TransportEvents): Promise<Transport> {
  const { url, domain, ca } = options;
  const port = Number(url.port) || (url.protocol === 'xmpps:' ? 5223 : 5222);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const tlsOptions = { servername: domain, ...(ca === undefined ? {} : { ca }) };
  let socket: Socket | TLSSocket =
    url.protocol === 'xmpps:'
      ? tlsConnect({ host, port, ...tlsOptions })
      : netConnect({ host, port });
  const listen = (s: Socket) => {
    s.setEncoding('utf8');
    s.on('data', (text: string) => events.onText(text));
    s.on('error', (error) => events.onClose(error.message));
    s.on('close', () => events.onClose('connection closed'));
  };
  await connected(socket, url.protocol === 'xmpps:' ? 'secureConnect' : 'connect');
  listen(socket);
  const transport: Transport = {
    kind: 'tcp',
    encrypted: url.protocol === 'xmpps:',
    send: (text) => socket.write(text),
    async startTls() {
      socket.removeAllListeners('data').removeAllListeners('close').removeAllListeners('error');
      const secure = tlsConnect({ socket, ...tlsOptions });
      await connected(secure, 'secureConnect');
      socket = secure;
      listen(secure);
      transport.encrypted = true;
    },
    close: () => socket.destroy(),
  };
  return transport;
}

function connected(socket: Socket, event: 'connect' | 'secureConnect'): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once(event, () => {
      socket.off('error', reject);
      resolve();
    });
    socket.once('error', reject);
  });
}

async function openWebSocket(
  options: TransportOptions,
  events: TransportEvents,
): Promise<Transport> {
  const { WebSocket } = await import('ws').catch(() => {
    throw new Error('openXmppStream: WebSocket URLs need the `ws` package (npm install ws)');
  });
  const { url, ca, headers } = options;
  const socket = new WebSocket(url, 'xmpp', { headers, ...(ca === undefined ? {} : { ca }) });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  socket.on('message', (data: Buffer) => events.onText(data.toString('utf8')));
  socket.on('error', (error: Error) => events.onClose(error.message));
  socket.on('close', () => events.onClose('connection closed'));
  return {
    kind: 'websocket',
    encrypted: url.protocol === 'wss:',
    send: (text) => socket.send(text),
    startTls: () => Promise.reject(new Error('no STARTTLS over WebSocket')),
    close: () => socket.terminate(),
  };
}
