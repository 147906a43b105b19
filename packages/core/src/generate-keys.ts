import { randomBytes } from 'node:crypto';
import { encodeBase32 } from './internal/base32.js';

/** A fresh pair of Prosody settings. Both are secrets: store them like passwords. */
export interface GeneratedKeys {
  /** For `otp_seed`: 20 random bytes (RFC 4226's recommended size), base32. */
  readonly otpSeed: string;
  /** For `token_secret`: 52 base32 characters, 260 bits of entropy (the HMAC key is its ASCII). */
  readonly tokenSecret: string;
}

/** Generates an `otp_seed` and a `token_secret` from the CSPRNG, in the base32 form Prosody reads. */
export function generateKeys(): GeneratedKeys {
  return {
    otpSeed: encodeBase32(randomBytes(20)),
    tokenSecret: encodeBase32(randomBytes(32)),
  };
}
