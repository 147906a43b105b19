import { ConfigurationError, createXmppToken, isXmppTokenError } from '@xmpp-token/core';
import { describe, expect, it } from 'vitest';
import {
  HOST,
  SECRET,
  createAt,
  nonceFill,
  signToken,
  thrownBy,
  vectors,
} from './support/vectors.js';

const STEP_MS = 30_000;
const NONCE = '31415926535897932384626433832795';

/** Upstream's verdict, and for a rejection the reason we give: before the window or after it. */
function expected(result: string, verifyMs: number, mintCounter: number) {
  if (result === 'accept') return { ok: true };
  const step = Math.floor(verifyMs / STEP_MS);
  return { ok: false, reason: step < mintCounter ? 'not_yet_valid' : 'expired' };
}

describe('every verification time gives upstream’s verdict', () => {
  describe.each(vectors.tokens)('$id', (vector) => {
    const checks = [
      ...vector.verifications.map((v) => ({ ...v, label: `${v.offset_s} s (Δ${v.window_delta})` })),
      ...vector.edges.map((e) => ({ ...e, label: `${e.edge} (${e.offset_ms} ms)` })),
    ];

    // A fresh instance per check: the replay store would refuse the second acceptance.
    it.each(checks)('$label: $result', async (check) => {
      const result = await createAt(check.verify_unix_ms).verify(vector.username, vector.token);
      expect(result).toMatchObject(
        expected(check.result, check.verify_unix_ms, vector.totp_counter),
      );
      if (result.ok) {
        expect(result.jid).toBe(vector.jid);
        expect(result.expiresAt.getTime()).toBe(STEP_MS * (vector.totp_counter + 2));
      }
    });
  });

  it('the vectors cover both sides of every edge', () => {
    const results = vectors.tokens.flatMap((v) => v.edges.map((e) => e.result));
    expect(results.filter((r) => r === 'accept')).toHaveLength(2 * vectors.tokens.length);
    expect(results.filter((r) => r === 'reject')).toHaveLength(2 * vectors.tokens.length);
  });
});

describe('otp_seed decoding matches upstream (basexx via luaotp)', () => {
  const decoding = vectors.otp_seed_decoding.filter(
    (c) => c.decoded_key_hex !== null && c.decoded_key_hex.length > 0,
  );
  const failing = vectors.otp_seed_decoding.filter((c) => c.decoded_key_hex === null);

  describe.each(decoding)('$id: "$otp_seed"', (vector) => {
    const bytes = (vector.decoded_key_hex ?? '').length / 2;
    const at = vector.base_unix_time * 1000;
    const create = () =>
      createXmppToken({
        tokenSecret: SECRET,
        otpSeed: vector.otp_seed,
        domain: HOST,
        minSeedBytes: Math.min(bytes, 10),
        clock: () => at,
        randomFill: nonceFill(NONCE),
      });

    it(`mints upstream's OTP ${vector.otp_at_base} at the base time`, () => {
      expect(create().mint('alice').token.slice(0, 8)).toBe(vector.otp_at_base);
    });

    it('accepts a token signed independently with upstream’s OTP', async () => {
      const token = signToken(vector.otp_at_base ?? '', NONCE, `alice@${HOST}`);
      await expect(create().verify('alice', token)).resolves.toMatchObject({ ok: true });
    });

    it(`with the default minSeedBytes (10): ${bytes >= 10 ? 'accepted' : 'refused'}`, () => {
      const make = () =>
        createXmppToken({ tokenSecret: SECRET, otpSeed: vector.otp_seed, domain: HOST });
      if (bytes >= 10) expect(make).not.toThrow();
      else expect(make).toThrow(ConfigurationError);
    });
  });

  it.each(failing)('$id: a seed upstream cannot decode throws ConfigurationError', (vector) => {
    const thrown = thrownBy(() =>
      createXmppToken({
        tokenSecret: SECRET,
        otpSeed: vector.otp_seed,
        domain: HOST,
        minSeedBytes: 1,
      }),
    );
    expect(thrown).toBeInstanceOf(ConfigurationError);
    expect(isXmppTokenError(thrown, 'ERR_XMPP_TOKEN_CONFIG')).toBe(true);
    expect((thrown as Error).message).not.toContain(vector.otp_seed);
  });

  it('stricter than upstream: the empty seed (upstream: an empty HMAC key) throws ConfigurationError', () => {
    const empty = vectors.otp_seed_decoding.find((c) => c.id === 'empty');
    expect(empty).toMatchObject({ otp_seed: '', decoded_key_hex: '', otp_at_base: '34647021' });
    expect(() =>
      createXmppToken({ tokenSecret: SECRET, otpSeed: '', domain: HOST, minSeedBytes: 1 }),
    ).toThrow(ConfigurationError);
  });

  it('covers every otp_seed_decoding case', () => {
    expect(decoding.length + failing.length + 1).toBe(vectors.otp_seed_decoding.length);
  });
});

describe('RFC 6238 SHA-1 8-digit values (luaotp)', () => {
  const RFC_SEED = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'; // "12345678901234567890"

  it.each(vectors.rfc6238_sha1_8digit)('T = $unix_time s: $otp', async ({ unix_time, otp }) => {
    const xmppToken = createAt(unix_time * 1000, { otpSeed: RFC_SEED });
    const minted = xmppToken.mint('alice');
    expect(minted.token.slice(0, 8)).toBe(otp);
    await expect(xmppToken.verify('alice', minted.token)).resolves.toMatchObject({ ok: true });
  });
});
