import type { Socket } from 'node:net';
import type { Channel, ChannelEvents } from './channel.js';
import { openingHandshake } from './web-socket-handshake.js';
import {
  createFrameDecoder,
  createMessageAssembler,
  encodeFrame,
  MAX_MESSAGE_BYTES,
  OPCODE,
} from './web-socket-frames.js';
import { XmppFailure } from './xmpp-failure.js';

/**
 * XMPP over WebSocket (RFC 7395) on a connected socket (TCP for `ws://`, TLS for `wss://`): the
 * opening handshake, then one element per text message. Rejects with a `websocket`
 * {@link XmppFailure} carrying the HTTP status when the server refuses the upgrade.
 */
export async function upgradeToWebSocket(
  socket: Socket,
  url: URL,
  timeoutMs: number,
  events: ChannelEvents,
): Promise<Channel> {
  try {
    return messageChannel(socket, await openingHandshake(socket, url, timeoutMs), events);
  } catch (error) {
    socket.destroy();
    throw error;
  }
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
