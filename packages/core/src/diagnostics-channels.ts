import type { VerifyFailureReason } from './verify-result.js';

/**
 * The `node:diagnostics_channel` name on which every verification is published once it settles
 * (for an asynchronous replay store, when its answer came), as a {@link VerifyDiagnostic}.
 * Named `<package>:<operation>` as undici names its channels (`undici:request:create`). Nothing
 * is measured or built while the channel has no subscriber.
 *
 * @example
 * ```ts
 * import { subscribe } from 'node:diagnostics_channel';
 * subscribe(VERIFY_CHANNEL, (message) => {
 *   const { ok, reason, jid } = message as VerifyDiagnostic;
 *   if (!ok) console.warn('xmpp-token refused', { reason, jid });
 * });
 * ```
 */
export const VERIFY_CHANNEL = 'xmpp-token:verify';

/** The channel on which every mint is published, as a {@link MintDiagnostic}. */
export const MINT_CHANNEL = 'xmpp-token:mint';

/** Fields of every verification message. Never a token, a secret, a seed, a nonce or an OTP. */
interface VerifyDiagnosticBase {
  /**
   * The normalized bare JID the request claimed (a localpart completed with `domain`), also on
   * refusal when the claimed identity is a valid JID (of a foreign domain too); undefined for
   * `bad_jid`.
   */
  readonly jid: string | undefined;
  /** Milliseconds the verification took, from `performance.now()`, replay store included. */
  readonly durationMs: number;
}

/** A verification that accepted the token. */
export interface VerifyAcceptedDiagnostic extends VerifyDiagnosticBase {
  readonly ok: true;
  readonly reason: undefined;
  readonly jid: string;
  /** The index in `tokenSecret` of the secret that signed it: > 0 means a retiring secret. */
  readonly secretIndex: number;
  /** The index in `otpSeed` of the seed whose code matched. */
  readonly seedIndex: number;
}

/** A verification that refused the token. */
export interface VerifyRefusedDiagnostic extends VerifyDiagnosticBase {
  readonly ok: false;
  readonly reason: VerifyFailureReason;
  /** The signing secret's index once the signature checked out (`expired` and later), else undefined. */
  readonly secretIndex: number | undefined;
  /** The seed's index once the OTP matched (`replayed`, `store_failure`), else undefined. */
  readonly seedIndex: number | undefined;
}

/**
 * The message on {@link VERIFY_CHANNEL}. The error of a `store_failure` is not in it (a store's
 * error may quote its key, a piece of the token): adapters hand it to `onRejected` as `cause`.
 */
export type VerifyDiagnostic = VerifyAcceptedDiagnostic | VerifyRefusedDiagnostic;

/**
 * The message on {@link MINT_CHANNEL}: a token minted for `jid`, or refused because the identity
 * is not a JID (`bad_jid`, `InvalidJidError`) or not of a served domain (`foreign_domain`). The
 * first secret and seed always mint. Never the token.
 */
export type MintDiagnostic =
  | {
      readonly ok: true;
      readonly reason: undefined;
      readonly jid: string;
      readonly durationMs: number;
    }
  | {
      readonly ok: false;
      readonly reason: 'bad_jid' | 'foreign_domain';
      readonly jid: string | undefined;
      readonly durationMs: number;
    };
