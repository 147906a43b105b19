import { createHmac } from 'node:crypto';

/**
 * base64(HMAC-SHA256(token_secret bytes, otp .. nonce .. jid)), padded, as upstream signs.
 * Digesting straight to base64 spares a Buffer per call, a third of the cost of a mint.
 */
export function sign(secret: Buffer, otpAndNonce: string, jid: string): string {
  return createHmac('sha256', secret)
    .update(otpAndNonce + jid)
    .digest('base64');
}

/**
 * The index of the secret that signed it, or -1. Tokens are parsed in canonical base64 only, so
 * comparing the base64 text is comparing the bytes; every comparison is constant-time (upstream
 * uses `==`).
 */
export function matchingSecret(
  secrets: readonly Buffer[],
  signature: string,
  otpAndNonce: string,
  jid: string,
): number {
  let match = -1;
  // No early exit, and the same work whichever matched: time does not reveal which secret of a
  // rotation list signed (diagnostics report it, in process only). Backwards, so the first wins.
  for (let i = secrets.length - 1; i >= 0; i--) {
    if (constantTimeEqual(sign(secrets[i] as Buffer, otpAndNonce, jid), signature)) match = i;
  }
  return match;
}

/** Constant-time equality of short ASCII strings (codes, base64 signatures). */
export function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
