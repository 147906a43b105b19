import { ReplayStoreError } from '../errors.js';
import type { VerifyResult } from '../verify-result.js';
import { createStoreAwaiter, isThenable } from './await-store.js';
import { FAILURES, storeFailure } from './failures.js';
import { createOtpWindow } from './otp-window.js';
import type { ResolvedOptions } from './resolve-options.js';
import { createServedJidResolver } from './served-domains.js';
import { matchingSecret } from './signature.js';
import { createTokenShape } from './token-format.js';
import type { CodeForStep } from './totp-codes.js';

/**
 * Core's verification: the result itself when the replay store answers synchronously (the memory
 * store does), a promise of it only when the store returns one. Never throws or rejects.
 */
export type Verify = (user: string, token: string) => VerifyResult | Promise<VerifyResult>;

/** What a verification learned on its way, recorded only for a diagnostics subscriber. */
export interface VerifyTrace {
  /** The index in `tokenSecret` of the secret that signed the token. */
  secretIndex: number | undefined;
  /** The index in `otpSeed` of the seed whose code matched. */
  seedIndex: number | undefined;
}

/** {@link Verify}, recording into `trace` when given one. */
export type TracedVerify = (
  user: string,
  token: string,
  trace?: VerifyTrace,
) => VerifyResult | Promise<VerifyResult>;

// The replay key: the first 72 bits of the signature, unique per (otp, nonce, jid); a substring
// this short is a copy, not a view pinning the token. A collision could only refuse a token,
// never accept one.
const REPLAY_KEY_CHARS = 12;
const NOT_BOOLEAN = 'replay store answered neither true nor false: token refused';

/**
 * The verification pipeline: canonical shape, JID normalization, served domain, constant-time
 * signature check, OTP window (Prosody's [W-window, W+window]), then the replay store. Cheap
 * checks run first; the store is only consulted for a token that is otherwise valid, and is
 * given the clock reading the window was checked with. Every outcome of a verification is
 * returned from this one function.
 */
export function createVerifier(
  options: ResolvedOptions,
  codesForSteps: readonly CodeForStep[],
): TracedVerify {
  const shape = createTokenShape(options);
  const servedJidOf = createServedJidResolver(options);
  const otpWindow = createOtpWindow(options, codesForSteps);
  const awaitStore = createStoreAwaiter(options.replayStoreTimeoutMs);
  const { secrets, clock, stepMs, window, replayStore, digits } = options;
  const headLength = digits + options.nonceLength;

  // `true` accepts, `false` is a replay; anything else is no answer, so it fails closed.
  const settle = (fresh: unknown, jid: string, expiresAt: number): VerifyResult => {
    if (fresh === true) return { ok: true, jid, expiresAt: new Date(expiresAt) };
    return fresh === false ? FAILURES.replayed : storeFailure(new ReplayStoreError(NOT_BOOLEAN));
  };

  return (user, token, trace) => {
    if (typeof user !== 'string') return FAILURES.bad_jid;
    if (typeof token !== 'string' || !shape.test(token)) return FAILURES.malformed;
    const jid = servedJidOf(user);
    if (typeof jid !== 'string') return jid;
    const signature = token.slice(headLength + 1);
    const secretIndex = matchingSecret(secrets, signature, token.slice(0, headLength), jid);
    if (secretIndex < 0) return FAILURES.bad_signature;
    if (trace !== undefined) trace.secretIndex = secretIndex;
    const now = clock();
    const step = Math.floor(now / stepMs);
    const otp = token.slice(0, digits);
    // `minted.seedIndex`: which seed of a rotation list the OTP is from (for diagnostics).
    const minted = otpWindow.match(otp, step);
    if (minted === undefined) {
      return otpWindow.isFuture(otp, step) ? FAILURES.not_yet_valid : FAILURES.expired;
    }
    if (trace !== undefined) trace.seedIndex = minted.seedIndex;
    const expiresAt = (minted.step + window + 1) * stepMs;
    let fresh: unknown;
    try {
      fresh = replayStore.remember(signature.slice(0, REPLAY_KEY_CHARS), expiresAt - now, now);
    } catch (cause) {
      return storeFailure(cause);
    }
    // Not awaited unless it is a promise: a synchronous store settles with no microtask hop and
    // no timer.
    if (!isThenable(fresh)) return settle(fresh, jid, expiresAt);
    return awaitStore(fresh, (answer) => settle(answer, jid, expiresAt), storeFailure);
  };
}
