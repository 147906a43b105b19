/**
 * Why a token was refused. A closed set, so a `switch` over it is exhaustive:
 * - `malformed`: not the canonical `otp+nonce base64` form (or not a string);
 * - `bad_jid`: the identity is not a JID Prosody would accept;
 * - `foreign_domain`: a JID of a domain this app does not serve (not `domain`, not in `domains`);
 * - `bad_signature`: no configured secret signed this token for this JID;
 * - `expired` / `not_yet_valid`: signed, but its OTP is outside the accepted window;
 * - `replayed`: accepted once already;
 * - `store_failure`: the replay store could not answer, so the token is refused (fail closed).
 */
export type VerifyFailureReason =
  | 'malformed'
  | 'bad_jid'
  | 'foreign_domain'
  | 'bad_signature'
  | 'expired'
  | 'not_yet_valid'
  | 'replayed'
  | 'store_failure';

/** Every {@link VerifyFailureReason}, for exhaustive tables and tests. */
export const VERIFY_FAILURE_REASONS: readonly VerifyFailureReason[] = [
  'malformed',
  'bad_jid',
  'foreign_domain',
  'bad_signature',
  'expired',
  'not_yet_valid',
  'replayed',
  'store_failure',
];

/** A token accepted: the normalized bare JID and the instant it would stop verifying. */
export interface VerifySuccess {
  readonly ok: true;
  readonly jid: string;
  readonly expiresAt: Date;
}

/** A token refused, with the reason (never the token). `cause` is set for `store_failure`. */
export interface VerifyFailure {
  readonly ok: false;
  readonly reason: VerifyFailureReason;
  readonly cause?: unknown;
}

/** What `verify` resolves to; it never rejects. */
export type VerifyResult = VerifySuccess | VerifyFailure;

/** A freshly minted token: `token` is the SASL X-TOKEN password for `jid`. */
export interface MintedToken {
  /** The normalized bare JID the token was signed for. */
  readonly jid: string;
  /** `otp + nonce + " " + base64(signature)`, byte for byte what Prosody expects. */
  readonly token: string;
  /** The first instant Prosody no longer accepts it (end of window W+1 for mint window W). */
  readonly expiresAt: Date;
}
