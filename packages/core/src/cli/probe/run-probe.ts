import { performance } from 'node:perf_hooks';
import { encodeSaslResponse } from '../../sasl-response.js';
import type { MintedToken } from '../../verify-result.js';
import type { TrustOptions } from '../xmpp/sockets.js';
import { XmppFailure } from '../xmpp/xmpp-failure.js';
import { createXmppSession } from '../xmpp/xmpp-session.js';
import { diagnoseFailure, type ConnectionContext } from './connection-failures.js';
import { logIn } from './log-in.js';
import { openStream, type ProbeTarget } from './open-stream.js';
import type { AuthAttempt, Diagnosis, ProbeReport } from './probe-report.js';
import { redact } from './redact.js';
import { createStepLog } from './step-log.js';

export type { ProbeTarget } from './open-stream.js';

export interface ProbeOptions {
  /** The bare JID to log in as, normalized; its domain is the VirtualHost. */
  readonly jid: string;
  readonly target: ProbeTarget;
  readonly trust: TrustOptions;
  /** The longest wait for any one answer. */
  readonly timeoutMs: number;
  /** Mints a token for `jid`, `offsetMs` from the app's clock. */
  mint(offsetMs: number): MintedToken;
  /** The app's clock (ms since the epoch). */
  clock(): number;
  /** Never printed: removed from every text of the report (the keys). */
  readonly sensitive: readonly string[];
}

/**
 * Logs in to a live XMPP server with freshly minted tokens and reports each step and a diagnosis.
 * Never throws for anything the network or the server does; the report holds no token or key.
 */
export async function runProbe(options: ProbeOptions): Promise<ProbeReport> {
  const started = performance.now();
  const domain = options.jid.slice(options.jid.indexOf('@') + 1);
  const session = createXmppSession(domain, options.timeoutMs);
  const log = createStepLog();
  const attempts: AuthAttempt[] = [];
  const sent: string[] = [];
  const mint = (offsetMs: number) => {
    const minted = options.mint(offsetMs);
    const authcid = options.jid.slice(0, options.jid.indexOf('@'));
    sent.push(minted.token, encodeSaslResponse({ authcid, token: minted.token }));
    return minted;
  };
  const context = connectionContext(options, domain);
  let diagnosis: Diagnosis;
  try {
    const stream = await openStream(session, { ...options, domain }, log);
    diagnosis =
      'code' in stream
        ? stream
        : await logIn(
            session,
            stream,
            { ...options, mint, websocket: context.transport === 'websocket' },
            log,
            attempts,
          );
  } catch (error) {
    // The client turns whatever the network and the server do into an XmppFailure; anything
    // else is a bug, for the CLI's "unexpected error" rather than a made-up diagnosis.
    if (!(error instanceof XmppFailure)) throw error;
    log.end('failed', error.message);
    diagnosis = diagnoseFailure(error, context);
  } finally {
    session.close();
  }
  const report: ProbeReport = {
    ok: diagnosis.code === 'ok',
    jid: options.jid,
    target: context.address,
    steps: log.steps,
    attempts,
    diagnosis,
    durationMs: Math.round(performance.now() - started),
  };
  return redact(report, [...options.sensitive, ...sent]);
}

function connectionContext(options: ProbeOptions, domain: string): ConnectionContext {
  const { target, timeoutMs } = options;
  if (target.transport === 'websocket') {
    const { protocol, host, pathname } = target.url;
    return {
      domain,
      transport: 'websocket',
      address: `${protocol}//${host}${pathname}`,
      timeoutMs,
    };
  }
  const scheme = target.transport === 'direct-tls' ? 'xmpps' : 'xmpp';
  const host = target.host.includes(':') ? `[${target.host}]` : target.host;
  return {
    domain,
    transport: target.transport,
    address: `${scheme}://${host}:${target.port}`,
    timeoutMs,
  };
}
