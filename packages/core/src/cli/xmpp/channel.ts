import type { Socket } from 'node:net';
import { StringDecoder } from 'node:string_decoder';
import type { XmlFraming } from './xml-stream-parser.js';

/** What a channel reports: text as it arrives, then once its end. */
export interface ChannelEvents {
  onText(text: string): void;
  /** The connection ended: `error` when it broke, undefined when the server closed it. */
  onEnd(error?: Error): void;
}

/** A text pipe to the server, whatever carries it (TCP, TLS, WebSocket). */
export interface Channel {
  readonly framing: XmlFraming;
  send(text: string): void;
  /** TCP only: stops reading and hands over the socket, for a STARTTLS handshake. */
  detach(): Socket;
  close(): void;
}

/** XMPP over a TCP or TLS socket: one XML stream, text in UTF-8 whatever the chunking. */
export function socketChannel(socket: Socket, events: ChannelEvents): Channel {
  const decoder = new StringDecoder('utf8');
  let ended = false;
  const end = (error?: Error) => {
    if (ended) return;
    ended = true;
    events.onEnd(error);
  };
  const onData = (chunk: Buffer) => events.onText(decoder.write(chunk));
  const onError = (error: Error) => end(error);
  const onClose = () => end();
  socket.on('data', onData).on('error', onError).on('close', onClose);
  let detached = false;
  return {
    framing: 'stream',
    send(text) {
      if (!detached && !socket.destroyed) socket.write(text);
    },
    detach() {
      detached = true;
      socket.off('data', onData).off('error', onError).off('close', onClose);
      // The TLS socket built on it reports failures; an unheard 'error' would end the process.
      socket.on('error', () => undefined);
      return socket;
    },
    close() {
      // Closing is ours: later socket events are no news to the session.
      ended = true;
      if (detached) return;
      socket.end();
      setTimeout(() => socket.destroy(), 1000).unref();
    },
  };
}
