import { ReplayStoreError } from '../errors.js';
import { normalizeJid } from '../normalize-jid.js';
import {
  VERIFY_FAILURE_REASONS,
  type VerifyFailure,
  type VerifyFailureReason,
  type VerifyResult,
} from '../verify-result.js';
import type { ResolvedOptions } from './resolve-options.js';
import { servesJid } from './served-domains.js';
import { createStoreAwaiter, isThenable } from './await-store.js';
import { constantTimeEqual, signedByAny } from './signature.js';
import { createTokenParser } from './token-format.js';
import type { CodeForStep } from './totp-codes.js';

// How far ahead a signed token's OTP is looked for to say `not_yet_valid` rather than `expired`.
const FUTURE_STEPS = 10;
// The replay key: the first 72 bits of the signature, unique per (otp, nonce, jid); a substring
// this short is a copy, not a view pinning the token. A collision could only refuse a token,
// never accept one.
const REPLAY_KEY_CHARS = 12;

// Failures carry no per-call data, so one frozen object per reason spares an allocation.
const FAILURES = Object.fromEntries(
  VERIFY_FAILURE_REASONS.map((reason) => [reason, Object.freeze({ ok: false, reason })]),
) as Record<VerifyFailureReason, VerifyFailure>;
const failure = (reason: VerifyFailureReason): VerifyFailure => FAILURES[reason];

/**
 * The verification pipeline: canonical parse, JID normalization, served domain, constant-time
 * signature check, OTP window (Prosody's [W-window, W+window]), then the replay store. Cheap
 * checks run first; the store is only consulted for a token that is otherwise valid.
 */
export function createVerifier(
  options: ResolvedOptions,
  codeForStep: CodeForStep,
): (user: string, token: string) => Promise<VerifyResult> {
  const parse = createTokenParser(options);
  const { secrets, domain, domains, clock, stepMs, window, replayStore } = options;
  const awaitStore = createStoreAwaiter(options.replayStoreTimeoutMs);

  const mintStepOf = (otp: string, step: number): number | undefined => {
    let match: number | undefined;
    for (let s = step - window; s <= step + window; s++)
      if (constantTimeEqual(codeForStep(s), otp)) match = s;
    return match;
  };
  const isFuture = (otp: string, step: number): boolean => {
    for (let s = step + window + 1; s <= step + window + FUTURE_STEPS; s++) {
      if (constantTimeEqual(codeForStep(s), otp)) return true;
    }
    return false;
  };

  // Everything but the replay store, synchronously: a failure, or what to remember.
  const check = (user: string, token: string): VerifyFailure | Unspent => {
    if (typeof user !== 'string') return failure('bad_jid');
    const parts = parse(token);
    if (parts === undefined) return failure('malformed');
    const jid = normalizeJid(user, domain);
    if (jid === undefined) return failure('bad_jid');
    // Before the signature: another VirtualHost sharing the secret must not log users in here.
    if (!servesJid(jid, domains)) return failure('foreign_domain');
    if (!signedByAny(secrets, parts.signature, parts.otpAndNonce, jid)) {
      return failure('bad_signature');
    }
    const now = clock();
    const step = Math.floor(now / stepMs);
    const mintStep = mintStepOf(parts.otp, step);
    if (mintStep === undefined) {
      return failure(isFuture(parts.otp, step) ? 'not_yet_valid' : 'expired');
    }
    const expiresAt = (mintStep + window + 1) * stepMs;
    return {
      ok: undefined,
      jid,
      expiresAt,
      ttlMs: expiresAt - now,
      key: parts.signature.slice(0, REPLAY_KEY_CHARS),
    };
  };
  // `true` accepts, `false` is a replay; anything else is no answer, so it fails closed.
  const settle = (fresh: unknown, { jid, expiresAt }: Unspent): VerifyResult => {
    if (fresh === true) return { ok: true, jid, expiresAt: new Date(expiresAt) };
    return fresh === false ? failure('replayed') : storeFailure(new ReplayStoreError(NOT_BOOLEAN));
  };

  // Not an async function: a synchronous store (the memory one) settles without a microtask hop,
  // and without a timer.
  return (user, token) => {
    const checked = check(user, token);
    if (checked.ok === false) return Promise.resolve(checked);
    let remembered: unknown;
    try {
      remembered = replayStore.remember(checked.key, checked.ttlMs);
    } catch (cause) {
      return Promise.resolve(storeFailure(cause));
    }
    if (!isThenable(remembered)) return Promise.resolve(settle(remembered, checked));
    return awaitStore(remembered).then((fresh) => settle(fresh, checked), storeFailure);
  };
}

const NOT_BOOLEAN = 'replay store answered neither true nor false: token refused';

function storeFailure(cause: unknown): VerifyFailure {
  return { ok: false, reason: 'store_failure', cause };
}

/** A token that passed every check but the replay store. */
interface Unspent {
  readonly ok: undefined;
  readonly jid: string;
  readonly expiresAt: number;
  readonly ttlMs: number;
  readonly key: string;
}
