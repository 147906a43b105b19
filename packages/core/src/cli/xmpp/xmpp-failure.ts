/**
 * Why a connection to an XMPP server ended before it could be used:
 * - `unreachable`: no TCP connection (DNS, refused, timed out);
 * - `tls`: the TLS handshake failed, or the certificate was not trusted;
 * - `websocket`: the HTTP upgrade was refused (`status`) or answered wrongly;
 * - `not-xmpp`: the peer sent something that is not an XMPP stream;
 * - `timeout`: no answer in time;
 * - `closed`: the server closed the connection without a stream error;
 * - `stream-error`: a `<stream:error/>` (`condition`, `text`).
 */
export type XmppFailureKind =
  'unreachable' | 'tls' | 'websocket' | 'not-xmpp' | 'timeout' | 'closed' | 'stream-error';

/** A typed failure of the probe's XMPP client; messages hold no token (nothing sent is quoted). */
export class XmppFailure extends Error {
  readonly kind: XmppFailureKind;
  /** The stream error condition, or Node's error code (`ECONNREFUSED`, `CERT_HAS_EXPIRED`). */
  readonly condition: string | undefined;
  /** The server's `<text>`, or the HTTP status line of a refused upgrade. */
  readonly text: string | undefined;

  constructor(
    kind: XmppFailureKind,
    message: string,
    details: { readonly condition?: string | undefined; readonly text?: string | undefined } = {},
  ) {
    super(message);
    this.name = 'XmppFailure';
    this.kind = kind;
    this.condition = details.condition;
    this.text = details.text;
  }
}

/** The error as an {@link XmppFailure} of `kind`, keeping Node's `code` as the condition. */
export function asFailure(error: unknown, kind: XmppFailureKind): XmppFailure {
  if (error instanceof XmppFailure) return error;
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return new XmppFailure(kind, message, { condition: typeof code === 'string' ? code : undefined });
}
