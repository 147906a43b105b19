import type { XmppFailure } from '../xmpp/xmpp-failure.js';
import type { Diagnosis } from './probe-report.js';
import { hostUnknown, streamError } from './stream-refusals.js';

/** Where the probe was connecting, for hints that depend on it. */
export interface ConnectionContext {
  readonly domain: string;
  readonly transport: 'starttls' | 'direct-tls' | 'websocket';
  /** `host:port`, or the WebSocket URL. */
  readonly address: string;
  readonly timeoutMs: number;
}

const PORTS =
  '-- Prosody listens on c2s_ports (5222, STARTTLS), c2s_direct_tls_ports (5223 if set) and http_ports/https_ports (5280/5281, path /xmpp-websocket)';
const WRONG_PORT_KIND =
  '-- a direct TLS port needs --direct-tls; a STARTTLS port (5222) must be probed without it';

// Node's codes for a certificate that no trusted CA vouches for.
const UNTRUSTED = /SELF_SIGNED|UNABLE_TO_(GET_ISSUER|VERIFY)|CERT_UNTRUSTED/;

/** The diagnosis for a failure before the server could answer the login. */
export function diagnoseFailure(failure: XmppFailure, context: ConnectionContext): Diagnosis {
  const { condition = 'unknown' } = failure;
  switch (failure.kind) {
    case 'unreachable':
      return {
        code: 'unreachable',
        message: `Could not connect to ${context.address} (${condition}).`,
        fix: [PORTS, '-- and that no firewall is in the way'],
      };
    case 'tls':
      return tlsFailed(failure, context);
    case 'websocket':
      return websocketFailed(failure);
    case 'not-xmpp':
      return {
        code: 'not_xmpp',
        message: `${context.address} does not speak XMPP (${failure.message}).`,
        fix: [PORTS, ...(context.transport === 'websocket' ? [] : [WRONG_PORT_KIND])],
      };
    case 'timeout':
      return {
        code: 'timeout',
        message: `${context.address}: ${failure.message} (--timeout).`,
        fix: [PORTS, ...(context.transport === 'websocket' ? [] : [WRONG_PORT_KIND])],
      };
    case 'closed':
      return {
        code: 'connection_closed',
        message: `${context.address}: ${failure.message}.`,
        fix: ["-- Prosody's log says why", WRONG_PORT_KIND],
      };
    case 'stream-error':
      return condition === 'host-unknown'
        ? hostUnknown(context.domain)
        : streamError(condition, failure.text);
  }
}

const CERT_IMPORT = 'sudo prosodyctl --root cert import /etc/letsencrypt/live';

function tlsFailed(failure: XmppFailure, context: ConnectionContext): Diagnosis {
  const condition = failure.condition ?? '';
  const name = context.transport === 'websocket' ? 'the URL host' : `"${context.domain}"`;
  const [cause, ...fix] = UNTRUSTED.test(condition)
    ? [
        'the certificate is not trusted here',
        '-- pass its CA with --ca <file> (or NODE_EXTRA_CA_CERTS), or --insecure for a test server;',
        '-- in production, a certificate from a public CA:',
        CERT_IMPORT,
      ]
    : condition === 'ERR_TLS_CERT_ALTNAME_INVALID'
      ? [`the certificate does not name ${name}`, `-- a certificate for ${name}:`, CERT_IMPORT]
      : condition === 'CERT_HAS_EXPIRED'
        ? ['the certificate has expired', '-- renew it, then:', CERT_IMPORT]
        : /HANDSHAKE_FAILURE/.test(condition)
          ? [
              `Prosody refused the handshake: it has no certificate for ${name} (its log: "no shared cipher")`,
              `-- a certificate for ${name}, then restart Prosody:`,
              CERT_IMPORT,
            ]
          : /^(ERR_SSL_|ECONNRESET|ETIMEDOUT|EPIPE|$)/.test(condition)
            ? ['the server does not speak TLS on this port', WRONG_PORT_KIND]
            : [`the certificate was refused: ${failure.message}`, CERT_IMPORT];
  return {
    code: 'tls_failed',
    message: `TLS with ${context.address} failed (${condition || failure.message}): ${cause}.`,
    fix,
  };
}

function websocketFailed(failure: XmppFailure): Diagnosis {
  const status = failure.condition;
  const fix =
    status === '404'
      ? [
          '-- nothing serves XMPP over WebSocket at this path: add "websocket" to modules_enabled;',
          '-- Prosody serves /xmpp-websocket on http_ports/https_ports (a proxy must forward it)',
        ]
      : [
          '-- a reverse proxy in front must pass the upgrade, e.g. nginx:',
          'proxy_http_version 1.1;',
          'proxy_set_header Upgrade $http_upgrade;',
          'proxy_set_header Connection "upgrade";',
        ];
  return { code: 'websocket_failed', message: `${failure.message}.`, fix };
}
