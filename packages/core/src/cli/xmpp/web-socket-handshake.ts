import { createHash, randomBytes } from 'node:crypto';
import type { Socket } from 'node:net';
import { asFailure, XmppFailure } from './xmpp-failure.js';

const ACCEPT_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const MAX_RESPONSE_HEAD = 16 * 1024;

/**
 * The RFC 6455 opening handshake on a connected socket, asking for the `xmpp` subprotocol
 * (RFC 7395) and no extension. Resolves the bytes that followed the response head (the first
 * frames); rejects with a `websocket` {@link XmppFailure} carrying the HTTP status when refused.
 */
export async function openingHandshake(
  socket: Socket,
  url: URL,
  timeoutMs: number,
): Promise<Buffer> {
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
  const { head, rest } = await readResponseHead(socket, timeoutMs);
  checkHandshake(
    head,
    createHash('sha1')
      .update(key + ACCEPT_GUID)
      .digest('base64'),
  );
  return rest;
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
