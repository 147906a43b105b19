import type { Page } from 'playwright-core';

/** One WebSocket of a page, seen through Playwright's router: what the page sent, and its end. */
export interface RoutedSocket {
  /** The frames the page sent, in order. */
  readonly sent: string[];
  /** True once the page closed the socket (or the server's close reached it). */
  readonly closed: boolean;
  /** Drops the connection from the server's side, as a restarting server or proxy would. */
  drop(): Promise<void>;
}

/**
 * Routes every XMPP WebSocket of `page` through Playwright, to the real server, recording each.
 * `onEvent` hears `sent <frame>` and `closed`, in the order they happened.
 */
export async function routeXmppSockets(
  page: Page,
  onEvent: (event: string) => void = () => undefined,
): Promise<RoutedSocket[]> {
  const sockets: RoutedSocket[] = [];
  await page.routeWebSocket(/\/xmpp-websocket$/, (ws) => {
    const server = ws.connectToServer();
    const socket = {
      sent: [] as string[],
      closed: false,
      async drop() {
        await server.close();
        await ws.close({ code: 1001, reason: 'going away' });
      },
    };
    const onClosed = () => {
      if (!socket.closed) onEvent('closed');
      socket.closed = true;
    };
    ws.onMessage((message) => {
      socket.sent.push(String(message));
      onEvent(`sent ${String(message)}`);
      server.send(message);
    });
    // With these handlers, Playwright no longer forwards a close to the other side: done here.
    ws.onClose((code, reason) => {
      onClosed();
      void server.close(closeOptions(code, reason));
    });
    server.onClose((code, reason) => {
      onClosed();
      void ws.close(closeOptions(code, reason));
    });
    sockets.push(socket);
  });
  return sockets;
}

function closeOptions(code: number | undefined, reason: string | undefined) {
  return { ...(code === undefined ? {} : { code }), ...(reason === undefined ? {} : { reason }) };
}
