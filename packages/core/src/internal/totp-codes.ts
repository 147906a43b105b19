import { createGuardrails } from '@otplib/core';
import { NodeCryptoPlugin } from '@otplib/plugin-crypto-node';
import { generateSync } from '@otplib/totp';
import type { ResolvedOptions } from './resolve-options.js';

/** The TOTP code of one time step, by step number. */
export type CodeForStep = (step: number) => string;

const CACHED_STEPS = 16;

/**
 * The TOTP codes of each seed, in the order of `options.seeds`: the first mints, all verify.
 * Each seed has its own cache, so a rotation list costs verification no more than one HMAC-SHA1
 * per seed and step.
 */
export function createCodesForSteps(
  options: ResolvedOptions,
): readonly [CodeForStep, ...CodeForStep[]] {
  const [first, ...others] = options.seeds.map((seed) => createCodeForStep(options, seed));
  return [first as CodeForStep, ...others];
}

/**
 * TOTP codes (RFC 6238, HMAC-SHA1, T0 = 0) of one seed, computed by otplib once per step and
 * cached: a code depends only on seed and step, so verifying needs no HMAC-SHA1 on the hot path.
 */
function createCodeForStep(options: ResolvedOptions, seed: Uint8Array): CodeForStep {
  const stepSeconds = options.stepMs / 1000;
  const base = {
    secret: seed,
    crypto: new NodeCryptoPlugin(),
    algorithm: 'sha1',
    digits: options.digits,
    period: stepSeconds,
    // Prosody's example seeds are 10 bytes, below otplib's 16-byte default floor.
    guardrails: createGuardrails({ MIN_SECRET_BYTES: 1 }),
  } as const;
  const cache = new Map<number, string>();
  return (step) => {
    let code = cache.get(step);
    if (code === undefined) {
      code = generateSync({ ...base, epoch: step * stepSeconds });
      if (cache.size >= CACHED_STEPS) cache.delete(cache.keys().next().value as number);
      cache.set(step, code);
    }
    return code;
  };
}
