/**
 * The steps of a probe, in the order they run for the transport:
 * c2s STARTTLS: connect, features, tls, x-token, auth, bind; direct TLS: connect, tls, features,
 * ...; WebSocket: connect, tls (wss://), websocket, features, ...
 */
export type ProbeStepName =
  'connect' | 'tls' | 'websocket' | 'features' | 'x-token' | 'auth' | 'bind';

/** `skipped`: not applicable (no TLS on `ws://`); steps never reached are not listed. */
export type ProbeStepStatus = 'ok' | 'failed' | 'skipped';

export interface ProbeStep {
  readonly step: ProbeStepName;
  readonly status: ProbeStepStatus;
  /** Wall time of the step, in milliseconds. */
  readonly ms: number;
  readonly detail: string;
}

/** One X-TOKEN attempt: a token minted `offsetSeconds` from the app's clock. */
export interface AuthAttempt {
  readonly offsetSeconds: number;
  /** `accepted`, or the SASL failure condition (`not-authorized`, ...). */
  readonly outcome: string;
  readonly ms: number;
}

/** Exit 0. */
export type SuccessCode = 'ok';
/** Exit 1: the server answered, and refused the login (or something on the way to it). */
export type RefusalCode =
  | 'host_unknown'
  | 'starttls_unavailable'
  | 'insecure_connection'
  | 'no_mechanisms'
  | 'x_token_not_offered'
  | 'clock_skew'
  | 'wrong_keys'
  | 'temporary_auth_failure'
  | 'malformed_request'
  | 'sasl_failure'
  | 'bind_failed'
  | 'stream_error';
/** Exit 2: the probe could not get an XMPP conversation going. */
export type UnreachableCode =
  'unreachable' | 'tls_failed' | 'websocket_failed' | 'not_xmpp' | 'timeout' | 'connection_closed';

export type DiagnosisCode = SuccessCode | RefusalCode | UnreachableCode;

export interface Diagnosis {
  readonly code: DiagnosisCode;
  /** One or two sentences: what happened and the likely cause. */
  readonly message: string;
  /** What fixes it: prosody.cfg.lua lines or commands, placeholders for keys, never a value. */
  readonly fix: readonly string[];
  /** `clock_skew`: Prosody's clock minus the app's, in seconds (a range). */
  readonly skewSeconds?: { readonly min: number; readonly max: number };
}

/** Everything a probe found; `--json` prints it as it is. */
export interface ProbeReport {
  readonly ok: boolean;
  readonly jid: string;
  /** `xmpp://host:port`, `xmpps://host:port`, or the WebSocket URL. */
  readonly target: string;
  readonly steps: readonly ProbeStep[];
  readonly attempts: readonly AuthAttempt[];
  readonly diagnosis: Diagnosis;
  readonly durationMs: number;
}

const REFUSALS: ReadonlySet<string> = new Set<RefusalCode>([
  'host_unknown',
  'starttls_unavailable',
  'insecure_connection',
  'no_mechanisms',
  'x_token_not_offered',
  'clock_skew',
  'wrong_keys',
  'temporary_auth_failure',
  'malformed_request',
  'sasl_failure',
  'bind_failed',
  'stream_error',
]);

/** 0 for a login, 1 for a refusal, 2 when the server could not be talked to. */
export function exitCodeOf(code: DiagnosisCode): 0 | 1 | 2 {
  if (code === 'ok') return 0;
  return REFUSALS.has(code) ? 1 : 2;
}
