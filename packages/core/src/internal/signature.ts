import { createHmac, timingSafeEqual } from 'node:crypto';

/** HMAC-SHA256 over `otp .. nonce .. jid`, keyed with the token_secret bytes as configured. */
export function sign(secret: Buffer, otp: string, nonce: string, jid: string): Buffer {
  return createHmac('sha256', secret)
    .update(otp + nonce + jid)
    .digest();
}

/** True if any secret signed it; every comparison is constant-time (upstream uses `==`). */
export function signedByAny(
  secrets: readonly Buffer[],
  signature: Buffer,
  otp: string,
  nonce: string,
  jid: string,
): boolean {
  let match = false;
  for (const secret of secrets) {
    // No early exit: time does not reveal which secret of a rotation list matched.
    if (timingSafeEqual(sign(secret, otp, nonce, jid), signature)) match = true;
  }
  return match;
}

/** Constant-time string equality for short ASCII codes. */
export function equalCodes(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
