import { createHmac } from 'node:crypto';
import { createXmppToken, generateKeys } from '@xmpp-token/core';
import { describe, expect, it } from 'vitest';
import { base32, totp } from './support/reference-totp.js';

describe('generateKeys', () => {
  it('makes a 20-byte otp_seed and a 52-character token_secret, in unpadded base32', () => {
    const { otpSeed, tokenSecret } = generateKeys();
    expect(otpSeed).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32(otpSeed)).toHaveLength(20);
    expect(tokenSecret).toMatch(/^[A-Z2-7]{52}$/);
  });

  it('makes different keys every time', () => {
    const keys = Array.from({ length: 20 }, generateKeys);
    expect(new Set(keys.map((k) => k.otpSeed)).size).toBe(20);
    expect(new Set(keys.map((k) => k.tokenSecret)).size).toBe(20);
  });

  it('keys work with createXmppToken: the OTP is TOTP of the decoded seed, the HMAC key the secret', async () => {
    const { otpSeed, tokenSecret } = generateKeys();
    const now = 1_750_000_000_000;
    const xmppToken = createXmppToken({
      tokenSecret,
      otpSeed,
      domain: 'example.test',
      clock: () => now,
    });
    const { token } = xmppToken.mint('alice');
    const otp = token.slice(0, 8);
    const nonce = token.slice(8, 40);
    expect(otp).toBe(totp(base32(otpSeed), now));
    const signature = createHmac('sha256', tokenSecret)
      .update(`${otp}${nonce}alice@example.test`)
      .digest('base64');
    expect(token).toBe(`${otp}${nonce} ${signature}`);
    await expect(xmppToken.verify('alice', token)).resolves.toMatchObject({ ok: true });
  });

  it('the reference TOTP agrees with RFC 6238 (so the check above can fail)', () => {
    expect(totp(Buffer.from('12345678901234567890'), 59_000)).toBe('94287082');
  });
});
