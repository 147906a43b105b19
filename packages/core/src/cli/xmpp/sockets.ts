import { connect as netConnect, isIP, type Socket } from 'node:net';
import { connect as tlsConnect, rootCertificates, type TLSSocket } from 'node:tls';
import { asFailure, XmppFailure } from './xmpp-failure.js';

/** How the server's certificate is checked. */
export interface TrustOptions {
  /** Extra CA certificates (PEM), trusted besides Node's (and NODE_EXTRA_CA_CERTS). */
  readonly ca?: string | undefined;
  /** Accept any certificate (a self-signed test server); the result still says whether it was. */
  readonly insecure: boolean;
}

/** What the TLS handshake established. */
export interface TlsDetails {
  /** `TLSv1.3`, `TLSv1.2`, ... */
  readonly protocol: string;
  /** Whether the certificate verified for the expected name. */
  readonly verified: boolean;
  /** Why it did not (Node's code, e.g. `DEPTH_ZERO_SELF_SIGNED_CERT`), when `verified` is false. */
  readonly verifyError: string | undefined;
}

/** Opens a TCP connection; rejects with an `unreachable` {@link XmppFailure}. */
export function connectSocket(host: string, port: number, timeoutMs: number): Promise<Socket> {
  const socket = netConnect({ host, port });
  return settle(socket, 'connect', timeoutMs, 'unreachable', `connecting to ${host}:${port}`);
}

/**
 * Runs a TLS handshake on a connected socket (direct TLS, STARTTLS, `wss://`), checking the
 * certificate against `servername` (for XMPP the domain, RFC 7590; for `wss://` the URL's host).
 * Rejects with a `tls` {@link XmppFailure}.
 */
export async function secureSocket(
  socket: Socket,
  servername: string,
  trust: TrustOptions,
  timeoutMs: number,
  alpn?: string,
): Promise<{ readonly socket: TLSSocket; readonly details: TlsDetails }> {
  const secure = tlsConnect({
    socket,
    // SNI takes no IP address; the certificate check still runs against it.
    ...(isIP(servername) === 0 ? { servername } : {}),
    host: servername,
    rejectUnauthorized: !trust.insecure,
    ...(trust.ca === undefined ? {} : { ca: [...rootCertificates, trust.ca] }),
    ...(alpn === undefined ? {} : { ALPNProtocols: [alpn] }),
  });
  await settle(secure, 'secureConnect', timeoutMs, 'tls', 'the TLS handshake');
  const error = secure.authorizationError as unknown;
  const verifyError =
    secure.authorized || error === null || error === undefined
      ? undefined
      : String((error as { code?: unknown }).code ?? error);
  return {
    socket: secure,
    details: { protocol: secure.getProtocol() ?? 'TLS', verified: secure.authorized, verifyError },
  };
}

function settle<T extends Socket>(
  socket: T,
  event: 'connect' | 'secureConnect',
  timeoutMs: number,
  kind: 'unreachable' | 'tls',
  what: string,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.destroy();
      reject(
        new XmppFailure(kind, `no answer within ${timeoutMs} ms to ${what}`, {
          condition: 'ETIMEDOUT',
        }),
      );
    }, timeoutMs);
    const fail = (error: Error) => {
      clearTimeout(timer);
      socket.destroy();
      const failure = asFailure(error, kind);
      // OpenSSL's own text is a line of internals; its code says it all.
      const ssl = failure.condition?.startsWith('ERR_SSL_') === true;
      const message = `${failure.condition ?? ''}: the server does not speak TLS here, or refused the handshake`;
      reject(ssl ? new XmppFailure(kind, message, { condition: failure.condition }) : failure);
    };
    socket.once('error', fail);
    socket.once(event, () => {
      clearTimeout(timer);
      socket.off('error', fail);
      resolve(socket);
    });
  });
}
