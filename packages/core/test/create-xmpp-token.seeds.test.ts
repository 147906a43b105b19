// otpSeed as a rotation list, as tokenSecret: the first seed mints, a code of any seed verifies.
import { createXmppToken, type XmppTokenOptions } from '@xmpp-token/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base32, encodeBase32, totp } from './support/reference-totp.js';
import { HOST, SECRET, SEED, createAt, manualClock, thrownBy } from './support/vectors.js';

const T0 = 1_700_000_025_000;
const STEP = 30_000;
const OLD = SEED;
const NEW = 'JBSWY3DPEHPK3PXPJBSWY3DP';
const OTHER = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'; // RFC 6238's "12345678901234567890"
const withSeeds = (otpSeed: XmppTokenOptions['otpSeed'], now: number | (() => number) = T0) =>
  createAt(now, { otpSeed });
const otpOf = (token: string) => token.slice(0, 8);

describe('otpSeed as a list', () => {
  it('the fixed seeds have different codes around T0, so the checks below can fail', () => {
    for (const at of [T0 - STEP, T0, T0 + STEP]) {
      const codes = [OLD, NEW, OTHER].map((seed) => totp(base32(seed), at));
      expect(new Set(codes).size).toBe(3);
    }
  });

  it('mints with the first seed: the OTP is its TOTP', () => {
    expect(otpOf(withSeeds([NEW, OLD]).mint('alice').token)).toBe(totp(base32(NEW), T0));
    expect(otpOf(withSeeds([OLD, NEW]).mint('alice').token)).toBe(totp(base32(OLD), T0));
  });

  it('verifies a token of any listed seed, first or later, in either order', async () => {
    for (const list of [
      [OLD, NEW],
      [NEW, OLD],
      [OTHER, NEW, OLD],
    ]) {
      const verifier = withSeeds(list);
      for (const seed of [OLD, NEW]) {
        const minted = withSeeds(seed).mint('alice');
        await expect(verifier.verify('alice', minted.token)).resolves.toEqual({
          ok: true,
          jid: 'alice@' + HOST,
          expiresAt: minted.expiresAt,
        });
      }
    }
  });

  it('refuses a token of a seed no longer listed (expired: signed, but its OTP is unknown)', async () => {
    const token = withSeeds(OLD).mint('alice').token;
    await expect(withSeeds([NEW, OTHER]).verify('alice', token)).resolves.toEqual({
      ok: false,
      reason: 'expired',
    });
  });

  it('accepts each token once, whichever seed it is from', async () => {
    const verifier = withSeeds([NEW, OLD]);
    const token = withSeeds(OLD).mint('alice').token;
    await expect(verifier.verify('alice', token)).resolves.toMatchObject({ ok: true });
    await expect(verifier.verify('alice', token)).resolves.toEqual({
      ok: false,
      reason: 'replayed',
    });
  });

  it('a duplicated seed works as one: mints with it, accepts its tokens once', async () => {
    const verifier = withSeeds([NEW, NEW, OLD]);
    const minted = verifier.mint('alice');
    expect(otpOf(minted.token)).toBe(totp(base32(NEW), T0));
    await expect(verifier.verify('alice', minted.token)).resolves.toMatchObject({ ok: true });
    await expect(verifier.verify('alice', minted.token)).resolves.toMatchObject({
      reason: 'replayed',
    });
  });

  it('tells expired from not_yet_valid under any seed of the list', async () => {
    const clock = manualClock(T0);
    const verifier = withSeeds([NEW, OLD], clock);
    for (const seed of [NEW, OLD]) {
      const early = withSeeds(seed, T0 + 3 * STEP).mint('alice').token;
      const late = withSeeds(seed, T0 - 3 * STEP).mint('alice').token;
      await expect(verifier.verify('alice', early)).resolves.toMatchObject({
        reason: 'not_yet_valid',
      });
      await expect(verifier.verify('alice', late)).resolves.toMatchObject({ reason: 'expired' });
    }
    // And at the window's edges, a second seed's token is accepted with its own validity.
    const edge = withSeeds(OLD, T0 - STEP).mint('alice');
    await expect(verifier.verify('alice', edge.token)).resolves.toMatchObject({
      ok: true,
      expiresAt: edge.expiresAt,
    });
  });

  it('property: a token minted with any seed of a list verifies once under the list', async () => {
    const seed = fc.uint8Array({ minLength: 10, maxLength: 40 }).map(encodeBase32);
    await fc.assert(
      fc.asyncProperty(
        fc.array(seed, { minLength: 1, maxLength: 4 }),
        fc.nat(),
        fc.integer({ min: 1_000_000_000_000, max: 4_000_000_000_000 }),
        async (seeds, pick, now) => {
          const verifier = withSeeds(seeds, now);
          const minter = withSeeds(seeds[pick % seeds.length] as string, now);
          const { token } = minter.mint('alice');
          await expect(verifier.verify('alice', token)).resolves.toMatchObject({ ok: true });
          await expect(verifier.verify('alice', token)).resolves.toMatchObject({
            reason: 'replayed',
          });
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('otpSeed list validation: ConfigurationError, naming the item, never quoting a seed', () => {
  const configError = (otpSeed: unknown) =>
    thrownBy(() =>
      createXmppToken({ tokenSecret: SECRET, otpSeed, domain: HOST } as XmppTokenOptions),
    ) as Error;

  it('for an empty list', () => {
    expect(configError([])).toMatchObject({
      code: 'ERR_XMPP_TOKEN_CONFIG',
      message: 'otpSeed: give at least one seed',
    });
  });

  it.each([
    ['not base32', 'XVGR73KMZH2M4XM1', /otpSeed\[1\] is not base32/],
    ['too short', 'JBSWY3DPEH', /otpSeed\[1\] decodes to 6 bytes/],
    ['empty', '', /otpSeed\[1\] decodes to 0 bytes/],
    ['not a string', 42, /otpSeed\[1\] must be a string/],
  ])('for an item %s', (_name, bad, message) => {
    const error = configError([NEW, bad, OLD]);
    expect(error).toMatchObject({ code: 'ERR_XMPP_TOKEN_CONFIG' });
    expect(error.message).toMatch(message);
    for (const seed of [NEW, OLD, String(bad)].filter(Boolean)) {
      expect(error.message).not.toContain(seed);
    }
  });
});
