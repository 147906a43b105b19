import type { ResolvedOptions } from './resolve-options.js';

/**
 * A test that accepts only the canonical form `^\d{digits}\d{nonceLength} <base64 of 32 bytes>$`:
 * padded, standard alphabet, zero trailing bits. Upstream accepts leading garbage, extra padding
 * and inner whitespace, and reads any nonce length (the digit-shift forgery in PROTOCOL.md).
 * The parts are then fixed slices: `otp .. nonce` is the first `digits + nonceLength` characters,
 * the signature what follows the space.
 */
export function createTokenShape(options: ResolvedOptions): RegExp {
  const { digits, nonceLength } = options;
  return new RegExp(`^\\d{${digits + nonceLength}} [A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$`);
}

/** Formats a token exactly as upstream's minter does: `otp .. nonce .. " " .. base64(sig)`. */
export function formatToken(otpAndNonce: string, signature: string): string {
  return `${otpAndNonce} ${signature}`;
}
