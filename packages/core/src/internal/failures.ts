import {
  VERIFY_FAILURE_REASONS,
  type VerifyFailure,
  type VerifyFailureReason,
} from '../verify-result.js';

/**
 * One frozen failure per reason: they carry no per-call data, so refusing allocates nothing.
 * Only `store_failure`, which carries its cause, is made per call ({@link storeFailure}).
 */
export const FAILURES = Object.fromEntries(
  VERIFY_FAILURE_REASONS.map((reason) => [reason, Object.freeze({ ok: false, reason })]),
) as Readonly<Record<VerifyFailureReason, VerifyFailure>>;

/** A `store_failure` with the store's error (or core's timeout) as its cause. */
export function storeFailure(cause: unknown): VerifyFailure {
  return { ok: false, reason: 'store_failure', cause };
}
