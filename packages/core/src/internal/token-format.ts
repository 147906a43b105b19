import type { ResolvedOptions } from './resolve-options.js';

/** The parts of a canonical token. */
export interface TokenParts {
  readonly otp: string;
  /** `otp .. nonce`, the signed prefix. */
  readonly otpAndNonce: string;
  /** The base64 signature, canonical. */
  readonly signature: string;
}

/**
 * A parser that accepts only the canonical form `^\d{digits}\d{nonceLength} <base64 of 32 bytes>$`:
 * padded, standard alphabet, zero trailing bits. Upstream accepts leading garbage, extra padding
 * and inner whitespace, and reads any nonce length (the digit-shift forgery in PROTOCOL.md).
 */
export function createTokenParser(
  options: ResolvedOptions,
): (token: string) => TokenParts | undefined {
  const { digits, nonceLength } = options;
  const shape = new RegExp(`^\\d{${digits + nonceLength}} [A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$`);
  return (token) => {
    if (typeof token !== 'string' || !shape.test(token)) return undefined;
    return {
      otp: token.slice(0, digits),
      otpAndNonce: token.slice(0, digits + nonceLength),
      signature: token.slice(digits + nonceLength + 1),
    };
  };
}

/** Formats a token exactly as upstream's minter does: `otp .. nonce .. " " .. base64(sig)`. */
export function formatToken(otpAndNonce: string, signature: string): string {
  return `${otpAndNonce} ${signature}`;
}
