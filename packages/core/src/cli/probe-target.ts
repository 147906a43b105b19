import { readFileSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';
import type { ProbeTarget } from './probe/run-probe.js';
import type { TrustOptions } from './xmpp/sockets.js';
import { UsageError } from './arguments.js';

/** The connection options of `xmpp-token probe`, as parsed. */
export interface ProbeConnectionValues {
  readonly host?: string;
  readonly port?: string;
  readonly 'direct-tls': boolean;
  readonly websocket?: string;
  readonly insecure: boolean;
  readonly ca?: string;
  readonly timeout?: string;
}

/** `--host`/`--port`/`--direct-tls` or `--websocket`, checked; messages quote no value. */
export function parseProbeTarget(values: ProbeConnectionValues): ProbeTarget {
  const { host, port, websocket } = values;
  if ((host === undefined) === (websocket === undefined)) {
    throw new UsageError('give either --host (c2s) or --websocket <url>');
  }
  if (websocket !== undefined) {
    if (port !== undefined || values['direct-tls']) {
      throw new UsageError('--port and --direct-tls go with --host; a WebSocket URL has its port');
    }
    let url: URL;
    try {
      url = new URL(websocket);
    } catch {
      throw new UsageError('--websocket must be a ws:// or wss:// URL');
    }
    if (url.protocol !== 'ws:' && url.protocol !== 'wss:') {
      throw new UsageError('--websocket must be a ws:// or wss:// URL');
    }
    return { transport: 'websocket', url };
  }
  if (!/^[A-Za-z0-9.:[\]_-]{1,253}$/.test(host ?? ''))
    throw new UsageError('--host must be a host name or IP address');
  const directTls = values['direct-tls'];
  const address = {
    host: (host ?? '').replace(/^\[|\]$/g, ''),
    port: port === undefined ? (directTls ? 5223 : 5222) : parsePort(port),
  };
  return directTls
    ? { transport: 'direct-tls', ...address }
    : { transport: 'starttls', ...address };
}

function parsePort(value: string): number {
  const port = /^\d{1,5}$/.test(value) ? Number(value) : 0;
  if (port < 1 || port > 65535) throw new UsageError('--port must be 1 to 65535');
  return port;
}

/** `--insecure` and `--ca <file>`. */
export function parseTrust(values: ProbeConnectionValues): TrustOptions {
  if (values.ca === undefined) return { insecure: values.insecure };
  let ca: string;
  try {
    ca = readFileSync(values.ca, 'utf8');
  } catch {
    throw new UsageError('--ca: the file cannot be read');
  }
  try {
    new X509Certificate(ca); // the first certificate parses, before any connection
  } catch {
    throw new UsageError('--ca: the file holds no valid PEM certificate');
  }
  return { insecure: values.insecure, ca };
}

/** `--timeout <seconds>`, default 10, in milliseconds. */
export function parseTimeout(value: string | undefined): number {
  if (value === undefined) return 10_000;
  const seconds = /^\d{1,3}(\.\d{1,3})?$/.test(value) ? Number(value) : 0;
  if (seconds <= 0 || seconds > 600) throw new UsageError('--timeout must be 0.001 to 600 seconds');
  return Math.round(seconds * 1000);
}
