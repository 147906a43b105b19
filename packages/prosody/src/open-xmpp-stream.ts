import { conditionOf, createInbox } from './internal/inbox.js';
import { openTransport, type Transport } from './internal/stream-transport.js';

/** Options of {@link openXmppStream}. */
export interface XmppStreamOptions {
  /** `xmpp://host:port` (c2s), `xmpps://host:port` (direct TLS), `ws://` or `wss://` (RFC 7395). */
  readonly url: string;
  /** The domain to open the stream to (the VirtualHost). */
  readonly domain: string;
  /** On `xmpp://`, upgrade with STARTTLS when the server offers it. Default true. */
  readonly starttls?: boolean;
  /** Certificate(s) to trust for TLS, PEM (e.g. {@link ProsodyServer.certificate}). */
  readonly ca?: string | undefined;
  /** Extra HTTP headers of the WebSocket handshake (e.g. `X-Forwarded-Proto`). */
  readonly headers?: Readonly<Record<string, string>>;
  /** How long to wait for any answer. Default 10 s. */
  readonly timeoutMs?: number;
}

/** The server's answer to `<auth/>`. */
export type SaslOutcome =
  | { readonly success: true }
  | { readonly success: false; readonly condition: string; readonly text?: string };

/** An opened client stream, stopped before authentication. */
export interface XmppStream {
  /** The SASL mechanisms of the last stream features (empty when none are offered). */
  readonly mechanisms: readonly string[];
  /** Whether the stream runs over TLS (STARTTLS, direct TLS or `wss://`). */
  readonly encrypted: boolean;
  /**
   * Sends `<auth mechanism="X-TOKEN">` (or `mechanism`) with `initialResponse`, the base64 text as
   * given: `undefined` sends no text, `''` sends `=` (an empty response). Resolves the answer;
   * after a failure the server allows another try on the same stream.
   */
  authenticate(initialResponse: string | undefined, mechanism?: string): Promise<SaslOutcome>;
  /** Closes the stream and the connection. */
  close(): void;
}

const STREAMS = 'http://etherx.jabber.org/streams';
const FEATURES = /<(?:stream:)?features\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:stream:)?features>)/;
const SASL_ANSWER = /<(success|failure)\b[^>]*?(?:\/>|>([\s\S]*?)<\/\1>)/;

/**
 * Opens a raw XMPP client stream up to authentication: the stream header (or RFC 7395 `<open/>`),
 * STARTTLS when offered, and the SASL mechanisms the server offers; then sends any `<auth/>`,
 * byte for byte. For tests and probes that need what a full client hides: the exact failure
 * condition, mechanisms withheld on insecure connections, arbitrary initial responses.
 */
export async function openXmppStream(options: XmppStreamOptions): Promise<XmppStream> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const inbox = createInbox();
  const transport: Transport = await openTransport(
    {
      url: new URL(options.url),
      domain: options.domain,
      ca: options.ca,
      headers: options.headers ?? {},
    },
    { onText: inbox.push, onClose: inbox.end },
  );
  const waitFor = (pattern: RegExp, what: string) => inbox.waitFor(pattern, what, timeoutMs);

  const openStream = async (): Promise<string> => {
    inbox.clear();
    transport.send(
      transport.kind === 'websocket'
        ? `<open xmlns="urn:ietf:params:xml:ns:xmpp-framing" to="${options.domain}" version="1.0"/>`
        : `<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='${STREAMS}' to='${options.domain}' version='1.0'>`,
    );
    return (await waitFor(FEATURES, 'stream features'))[1] ?? '';
  };

  try {
    let features = await openStream();
    if (options.starttls !== false && transport.kind === 'tcp' && /<starttls\b/.test(features)) {
      transport.send("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
      await waitFor(/<proceed\b[^>]*\/?>/, 'STARTTLS proceed');
      await transport.startTls();
      features = await openStream();
    }
    const mechanisms = [...features.matchAll(/<mechanism>([^<]*)<\/mechanism>/g)].map(
      (m) => m[1] ?? '',
    );
    return {
      mechanisms,
      get encrypted() {
        return transport.encrypted;
      },
      async authenticate(initialResponse, mechanism = 'X-TOKEN') {
        const text = initialResponse === '' ? '=' : (initialResponse ?? '');
        const attributes = `xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='${mechanism}'`;
        transport.send(
          text === '' ? `<auth ${attributes}/>` : `<auth ${attributes}>${text}</auth>`,
        );
        const [, name, content = ''] = await waitFor(SASL_ANSWER, 'a SASL answer');
        if (name === 'success') return { success: true };
        const description = /<text\b[^>]*>([^<]*)<\/text>/.exec(content)?.[1];
        return {
          success: false,
          condition: conditionOf(content),
          ...(description === undefined ? {} : { text: description }),
        };
      },
      close() {
        transport.send(
          transport.kind === 'websocket'
            ? '<close xmlns="urn:ietf:params:xml:ns:xmpp-framing"/>'
            : '</stream:stream>',
        );
        transport.close();
      },
    };
  } catch (error) {
    transport.close();
    throw error;
  }
}
