import { XmppTokenError } from './errors.js';
import type { VerifyFailureReason } from './verify-result.js';

/** Why a request was not authenticated: a verify failure, or no token where one is required. */
export type RejectionReason = VerifyFailureReason | 'credentials_required';

/** The one reason -> HTTP status table every adapter uses. A broken store is the server's fault. */
export const HTTP_STATUS_BY_REASON: Readonly<Record<RejectionReason, 401 | 500>> = {
  credentials_required: 401,
  malformed: 401,
  bad_jid: 401,
  foreign_domain: 401,
  bad_signature: 401,
  expired: 401,
  not_yet_valid: 401,
  replayed: 401,
  store_failure: 500,
};

/**
 * A request that could not be authenticated. `reason` is precise; `message` is generic so it can
 * be shown to clients. `status` is 401 (with `wwwAuthenticate` to send) or 500 (`store_failure`).
 */
export class VerificationError extends XmppTokenError {
  declare readonly code: 'ERR_XMPP_TOKEN_REJECTED' | 'ERR_XMPP_TOKEN_STORE';
  readonly reason: RejectionReason;
  readonly status: 401 | 500;
  /** The `WWW-Authenticate` challenge for a 401, RFC 6750-style; undefined for a 500. */
  readonly wwwAuthenticate: string | undefined;
  /**
   * Response headers, read by Express's and Koa's default error handlers (`err.headers`), so an
   * app that forwards this error to its own handler still sends the challenge.
   */
  readonly headers: Readonly<Record<string, string>>;

  constructor(reason: RejectionReason, realm: string, options?: { cause?: unknown }) {
    const status = HTTP_STATUS_BY_REASON[reason];
    super(
      status === 500 ? 'ERR_XMPP_TOKEN_STORE' : 'ERR_XMPP_TOKEN_REJECTED',
      status === 500 ? 'Replay store unavailable: token refused' : 'Invalid or missing XMPP token',
      options,
    );
    this.reason = reason;
    this.status = status;
    this.wwwAuthenticate = status === 401 ? formatChallenge(realm, reason) : undefined;
    this.headers =
      this.wwwAuthenticate === undefined ? {} : { 'WWW-Authenticate': this.wwwAuthenticate };
  }

  /** The JSON body adapters send: generic, with the reason only when `debug` is on. */
  toResponseBody(debug = false): { error: string; message: string; reason?: RejectionReason } {
    const error = this.status === 401 ? 'invalid_token' : 'server_error';
    return debug
      ? { error, message: this.message, reason: this.reason }
      : { error, message: this.message };
  }
}

/**
 * The `WWW-Authenticate` value for a 401: `X-TOKEN realm="..."`, plus `error="invalid_token"`
 * unless the request carried no credentials at all (RFC 6750 section 3).
 */
export function formatChallenge(realm: string, reason: RejectionReason): string {
  const quoted = realm.replace(/["\\]/g, '\\$&');
  return reason === 'credentials_required'
    ? `X-TOKEN realm="${quoted}"`
    : `X-TOKEN realm="${quoted}", error="invalid_token"`;
}
