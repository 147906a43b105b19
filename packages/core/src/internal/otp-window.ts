import type { ResolvedOptions } from './resolve-options.js';
import { constantTimeEqual } from './signature.js';
import type { CodeForStep } from './totp-codes.js';

// How far ahead a signed token's OTP is looked for to say `not_yet_valid` rather than `expired`.
const FUTURE_STEPS = 10;

/** Where a token's OTP falls relative to the accepted window around the current step. */
export interface OtpWindow {
  /** The step in [step - window, step + window] whose code is `otp`, else undefined. */
  mintStepOf(otp: string, step: number): number | undefined;
  /** True if `otp` is the code of one of the steps just after the window. */
  isFuture(otp: string, step: number): boolean;
}

/**
 * Prosody's window check, [W-window, W+window], every code compared in constant time and without
 * an early exit. The window's codes are kept for the current step, so a verification reads an
 * array rather than the code cache once per step of the window.
 */
export function createOtpWindow(options: ResolvedOptions, codeForStep: CodeForStep): OtpWindow {
  const { window } = options;
  let windowStep = Number.NaN;
  let windowCodes: string[] = [];
  const codesAround = (step: number): readonly string[] => {
    if (step !== windowStep) {
      windowCodes = [];
      for (let s = step - window; s <= step + window; s++) windowCodes.push(codeForStep(s));
      windowStep = step;
    }
    return windowCodes;
  };
  return {
    mintStepOf(otp, step) {
      const codes = codesAround(step);
      let match: number | undefined;
      for (let i = 0; i < codes.length; i++) {
        if (constantTimeEqual(codes[i] as string, otp)) match = step - window + i;
      }
      return match;
    },
    isFuture(otp, step) {
      for (let s = step + window + 1; s <= step + window + FUTURE_STEPS; s++) {
        if (constantTimeEqual(codeForStep(s), otp)) return true;
      }
      return false;
    },
  };
}
