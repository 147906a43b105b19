// The window check's match record (core internals): the step a token was minted in and the index
// of the seed its OTP is from, which diagnostics report as `seedIndex`.
import { describe, expect, it } from 'vitest';
import { createOtpWindow } from '../src/internal/otp-window.js';
import { resolveOptions } from '../src/internal/resolve-options.js';
import { createCodesForSteps } from '../src/internal/totp-codes.js';
import { base32, totp } from './support/reference-totp.js';
import { HOST, SECRET, SEED } from './support/vectors.js';

const STEP = 30_000;
const T0 = 1_700_000_025_000;
const W = Math.floor(T0 / STEP);
const NEW = 'JBSWY3DPEHPK3PXPJBSWY3DP';

function windowOf(otpSeed: readonly string[]) {
  const options = resolveOptions({ tokenSecret: SECRET, otpSeed, domain: HOST });
  return createOtpWindow(options, createCodesForSteps(options));
}

describe('OtpWindow.match', () => {
  const otpWindow = windowOf([NEW, SEED]);

  it.each([
    [0, -1],
    [0, 0],
    [1, 0],
    [1, 1],
  ])('names seed %i and step W%+i for its code', (seedIndex, offset) => {
    const code = totp(base32([NEW, SEED][seedIndex] as string), (W + offset) * STEP);
    expect(otpWindow.match(code, W)).toEqual(
      expect.objectContaining({ seedIndex, step: W + offset }),
    );
  });

  it('finds nothing outside the window or under an unlisted seed', () => {
    expect(otpWindow.match(totp(base32(NEW), (W + 2) * STEP), W)).toBeUndefined();
    const unlisted = totp(base32('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'), W * STEP);
    expect(otpWindow.match(unlisted, W)).toBeUndefined();
  });

  it('a duplicated seed reports its first place', () => {
    const code = totp(base32(NEW), W * STEP);
    expect(windowOf([SEED, NEW, NEW]).match(code, W)).toMatchObject({ seedIndex: 1, step: W });
  });

  it('isFuture looks under every seed', () => {
    expect(otpWindow.isFuture(totp(base32(SEED), (W + 3) * STEP), W)).toBe(true);
    expect(otpWindow.isFuture(totp(base32(SEED), (W - 3) * STEP), W)).toBe(false);
  });
});
