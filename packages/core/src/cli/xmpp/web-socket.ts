import { createHash, randomBytes } from 'node:crypto';
import type { Socket } from 'node:net';
import type { Channel, ChannelEvents } from './channel.js';
import {
  createFrameDecoder,
  createMessageAssembler,
  encodeFrame,
  MAX_MESSAGE_BYTES,
  OPCODE,
} from './web-socket-frames.js';
import { asFailure, XmppFailure } from './xmpp-failure.js';

const ACCEPT_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const MAX_RESPONSE_HEAD = 16 * 1024;

/**
 * RFC 6455 client handshake on a connected socket (TCP for `ws://`, TLS for `wss://`) asking for
 * the `xmpp` subprotocol (RFC 7395), then XMPP framed one element per text message. Rejects with
 * a `websocket` {@link XmppFailure} carrying the HTTP status when the server refuses.
 */
export async function upgradeToWebSocket(
  socket: Socket,
  url: URL,
  timeoutMs: number,
  events: ChannelEvents,
): Promise<Channel> {
  const key = randomBytes(16).toString('base64');
  socket.write(
    [
      `GET ${url.pathname}${url.search} HTTP/1.1`,
      `Host: ${url.host}`,
      'Upgrade: websocket',
      'Connection: Upgrade',
      `Sec-WebSocket-Key: ${key}`,
      'Sec-WebSocket-Version: 13',
      'Sec-WebSocket-Protocol: xmpp',
      '',
      '',
    ].join('\r\n'),
  );
  try {
    const { head, rest } = await readResponseHead(socket, timeoutMs);
    checkHandshake(
      head,
      createHash('sha1')
        .update(key + ACCEPT_GUID)
        .digest('base64'),
    );
    return messageChannel(socket, rest, events);
  } catch (error) {
    socket.destroy();
    throw error;
  }
}

function checkHandshake(head: string, accept: string): void {
  const [statusLine = '', ...lines] = head.split('\r\n');
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1];
  if (status === undefined) throw new XmppFailure('not-xmpp', 'the server did not answer HTTP');
  if (status !== '101') {
    const message = `the WebSocket upgrade was refused: ${statusLine}`;
    throw new XmppFailure('websocket', message, { condition: status, text: statusLine });
  }
  const headers = new Map<string, string>();
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0)
      headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const problem =
    headers.get('upgrade')?.toLowerCase() !== 'websocket'
      ? 'no Upgrade: websocket'
      : headers.get('sec-websocket-accept') !== accept
        ? 'a wrong Sec-WebSocket-Accept'
        : headers.get('sec-websocket-protocol') !== 'xmpp'
          ? 'no Sec-WebSocket-Protocol: xmpp (RFC 7395)'
          : headers.has('sec-websocket-extensions')
            ? 'an extension that was not asked for'
            : undefined;
  if (problem !== undefined) {
    throw new XmppFailure('websocket', `the WebSocket upgrade answered with ${problem}`);
  }
}

function readResponseHead(
  socket: Socket,
  timeoutMs: number,
): Promise<{ readonly head: string; readonly rest: Buffer }> {
  return new Promise((resolve, reject) => {
    let received = Buffer.alloc(0);
    const finish = (error: Error | undefined, result?: { head: string; rest: Buffer }) => {
      clearTimeout(timer);
      socket.off('data', onData).off('error', onError).off('close', onClose);
      if (error !== undefined || result === undefined) reject(error);
      else resolve(result);
    };
    const onData = (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const end = received.indexOf('\r\n\r\n');
      if (end !== -1) {
        const head = received.subarray(0, end).toString('latin1');
        finish(undefined, { head, rest: received.subarray(end + 4) });
      } else if (received.length > MAX_RESPONSE_HEAD) {
        finish(new XmppFailure('not-xmpp', 'an HTTP response head too large'));
      }
    };
    const onError = (error: Error) => finish(asFailure(error, 'closed'));
    const onClose = () => finish(new XmppFailure('closed', 'closed during the WebSocket upgrade'));
    const timer = setTimeout(
      () => finish(new XmppFailure('timeout', `no WebSocket upgrade within ${timeoutMs} ms`)),
      timeoutMs,
    );
    socket.on('data', onData).on('error', onError).on('close', onClose);
  });
}

function messageChannel(socket: Socket, initial: Buffer, events: ChannelEvents): Channel {
  let ended = false;
  const end = (error?: Error) => {
    if (ended) return;
    ended = true;
    socket.destroy();
    events.onEnd(error);
  };
  const send = (opcode: number, payload: Buffer) => {
    if (!socket.destroyed) socket.write(encodeFrame(opcode, payload));
  };
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  const assemble = createMessageAssembler({
    onMessage: (data) => events.onText(utf8.decode(data)),
    onPing: (payload) => send(OPCODE.pong, payload),
    onClose: () => {
      send(OPCODE.close, Buffer.alloc(0));
      end();
    },
  });
  const decoder = createFrameDecoder(assemble, MAX_MESSAGE_BYTES);
  const push = (chunk: Buffer) => {
    try {
      decoder.push(chunk);
    } catch (error) {
      end(new XmppFailure('not-xmpp', `broken WebSocket framing: ${(error as Error).message}`));
    }
  };
  socket
    .on('data', push)
    .on('error', (error) => end(error))
    .on('close', () => end());
  if (initial.length > 0) push(initial);
  return {
    framing: 'messages',
    send: (text) => send(OPCODE.text, Buffer.from(text, 'utf8')),
    detach() {
      throw new Error('no STARTTLS over WebSocket');
    },
    close() {
      ended = true;
      const status = Buffer.alloc(2);
      status.writeUInt16BE(1000);
      send(OPCODE.close, status);
      socket.end();
      setTimeout(() => socket.destroy(), 1000).unref();
    },
  };
}
