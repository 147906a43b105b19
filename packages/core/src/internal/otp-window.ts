import type { ResolvedOptions } from './resolve-options.js';
import { constantTimeEqual } from './signature.js';
import type { CodeForStep } from './totp-codes.js';

// How far ahead a signed token's OTP is looked for to say `not_yet_valid` rather than `expired`.
const FUTURE_STEPS = 10;

/** The code of the accepted window that a token's OTP equals. */
export interface OtpMatch {
  /** The step the token was minted in: its validity ends `window + 1` steps later. */
  readonly step: number;
  /** The index in `otpSeed` of the seed whose code it is (0 with a single seed). */
  readonly seedIndex: number;
}

interface WindowCode extends OtpMatch {
  readonly code: string;
}

/** Where a token's OTP falls relative to the accepted window around the current step. */
export interface OtpWindow {
  /**
   * The step in [step - window, step + window] and the seed whose code is `otp`, else undefined.
   * The latest such step (the longest validity to remember, as Prosody), and at that step the
   * first seed of the list (a duplicated seed reports its first place).
   */
  match(otp: string, step: number): OtpMatch | undefined;
  /** True if `otp` is the code, under any seed, of one of the steps just after the window. */
  isFuture(otp: string, step: number): boolean;
}

/**
 * Prosody's window check, [W-window, W+window], under every seed of a rotation list: every code
 * compared in constant time and without an early exit, so time tells neither the step nor the
 * seed. The window's codes are kept for the current step, as records made once per step, so a
 * verification reads an array (and allocates nothing) rather than the code caches.
 */
export function createOtpWindow(
  options: ResolvedOptions,
  codesForSteps: readonly CodeForStep[],
): OtpWindow {
  const { window } = options;
  let windowStep = Number.NaN;
  let windowCodes: WindowCode[] = [];
  const codesAround = (step: number): readonly WindowCode[] => {
    if (step !== windowStep) {
      windowCodes = [];
      for (let s = step - window; s <= step + window; s++) {
        // The last seed first: the last match of a step is then the first seed's.
        for (let seedIndex = codesForSteps.length - 1; seedIndex >= 0; seedIndex--) {
          const code = (codesForSteps[seedIndex] as CodeForStep)(s);
          windowCodes.push({ code, step: s, seedIndex });
        }
      }
      windowStep = step;
    }
    return windowCodes;
  };
  const matchesAny = (otp: string, step: number): boolean => {
    let match = false;
    for (const codeForStep of codesForSteps) {
      if (constantTimeEqual(codeForStep(step), otp)) match = true;
    }
    return match;
  };
  return {
    match(otp, step) {
      const codes = codesAround(step);
      let match: OtpMatch | undefined;
      for (let i = 0; i < codes.length; i++) {
        const entry = codes[i] as WindowCode;
        if (constantTimeEqual(entry.code, otp)) match = entry;
      }
      return match;
    },
    isFuture(otp, step) {
      for (let s = step + window + 1; s <= step + window + FUTURE_STEPS; s++) {
        if (matchesAny(otp, s)) return true;
      }
      return false;
    },
  };
}
