import { normalizeJid } from '../normalize-jid.js';
import {
  VERIFY_FAILURE_REASONS,
  type VerifyFailure,
  type VerifyFailureReason,
  type VerifyResult,
} from '../verify-result.js';
import type { ResolvedOptions } from './resolve-options.js';
import { equalCodes, signedByAny } from './signature.js';
import { createTokenParser } from './token-format.js';
import type { CodeForStep } from './totp-codes.js';

// How far ahead a signed token's OTP is looked for to say `not_yet_valid` rather than `expired`.
const FUTURE_STEPS = 10;
// The replay key: 128 bits of the signature, which is unique per (otp, nonce, jid) and secret.
const REPLAY_KEY_BYTES = 16;

// Failures carry no per-call data, so one frozen object per reason spares an allocation.
const FAILURES = Object.fromEntries(
  VERIFY_FAILURE_REASONS.map((reason) => [reason, Object.freeze({ ok: false, reason })]),
) as Record<VerifyFailureReason, VerifyFailure>;
const failure = (reason: VerifyFailureReason): VerifyFailure => FAILURES[reason];

/**
 * The verification pipeline: canonical parse, JID normalization, constant-time signature check,
 * OTP window (Prosody's [W-window, W+window]), then the replay store. Cheap checks run first; the
 * store is only consulted for a token that is otherwise valid.
 */
export function createVerifier(
  options: ResolvedOptions,
  codeForStep: CodeForStep,
): (user: string, token: string) => Promise<VerifyResult> {
  const parse = createTokenParser(options);
  const { secrets, domain, clock, stepMs, window, replayStore } = options;

  const mintStepOf = (otp: string, step: number): number | undefined => {
    let match: number | undefined;
    for (let s = step - window; s <= step + window; s++)
      if (equalCodes(codeForStep(s), otp)) match = s;
    return match;
  };
  const isFuture = (otp: string, step: number): boolean => {
    for (let s = step + window + 1; s <= step + window + FUTURE_STEPS; s++) {
      if (equalCodes(codeForStep(s), otp)) return true;
    }
    return false;
  };

  return async (user, token) => {
    if (typeof user !== 'string') return failure('bad_jid');
    const parts = parse(token);
    if (parts === undefined) return failure('malformed');
    const jid = normalizeJid(user, domain);
    if (jid === undefined) return failure('bad_jid');
    if (!signedByAny(secrets, parts.signature, parts.otp, parts.nonce, jid)) {
      return failure('bad_signature');
    }
    const now = clock();
    const step = Math.floor(now / stepMs);
    const mintStep = mintStepOf(parts.otp, step);
    if (mintStep === undefined)
      return failure(isFuture(parts.otp, step) ? 'not_yet_valid' : 'expired');
    const expiresAt = (mintStep + window + 1) * stepMs;
    let fresh: boolean;
    try {
      fresh = await replayStore.remember(
        parts.signature.toString('latin1', 0, REPLAY_KEY_BYTES),
        expiresAt - now,
      );
    } catch (cause) {
      return { ok: false, reason: 'store_failure', cause };
    }
    return fresh === true ? { ok: true, jid, expiresAt: new Date(expiresAt) } : failure('replayed');
  };
}
