import { describe, expect, it } from 'vitest';
import { createAt, nonceFill, vectors } from './support/vectors.js';

const STEP_MS = 30_000;

describe('minting reproduces every upstream token byte for byte', () => {
  describe.each(vectors.tokens)('$id', (vector) => {
    const mint = (user: string) =>
      createAt(vector.mint_unix_ms, { randomFill: nonceFill(vector.nonce) }).mint(user);

    it('mints the vector token for the localpart', () => {
      const minted = mint(vector.username);
      expect(minted.token).toBe(vector.token);
      expect(minted.token).toBe(`${vector.otp}${vector.nonce} ${vector.signature_b64}`);
      expect(minted.jid).toBe(vector.jid);
    });

    it('mints the same token for the bare JID', () => {
      expect(mint(vector.jid).token).toBe(vector.token);
    });

    it('expiresAt = 30·(W+2) s, the first instant upstream rejects it', () => {
      const { expiresAt } = mint(vector.username);
      expect(expiresAt.getTime()).toBe(STEP_MS * (vector.totp_counter + 2));
      const firstRejected = vector.edges.find((edge) => edge.edge === 'first-rejected-after');
      expect(expiresAt.getTime()).toBe(firstRejected?.verify_unix_ms);
    });
  });
});

describe('minting reproduces the replay tokens', () => {
  const minted = Object.entries(vectors.replay_tokens).filter(([, t]) => t.note === undefined);

  it('covers every well-formed replay token (all but A_BADSIG)', () => {
    expect(minted.map(([name]) => name).sort()).toEqual(['A', 'B', 'BOB', 'C', 'D']);
  });

  it.each(minted)('%s', (_name, vector) => {
    const xmppToken = createAt(vector.mint_unix_ms, { randomFill: nonceFill(vector.nonce) });
    const result = xmppToken.mint(vector.jid);
    expect(result.token).toBe(vector.token);
    expect(result.token.slice(0, 8)).toBe(vector.otp);
  });

  it('a broken-signature token is not what we mint (A_BADSIG)', () => {
    const bad = vectors.replay_tokens.A_BADSIG;
    if (bad === undefined) throw new Error('A_BADSIG missing from the vectors');
    const xmppToken = createAt(bad.mint_unix_ms, { randomFill: nonceFill(bad.nonce) });
    const result = xmppToken.mint(bad.jid);
    expect(result.token.slice(0, 41)).toBe(bad.token.slice(0, 41));
    expect(result.token).not.toBe(bad.token);
  });
});

describe('minting signs the nodeprepped JID, as Prosody checks it', () => {
  const straße = vectors.sasl.find((c) => c.id === 'authcid-unicode-fold');

  it('Straße mints the token upstream accepts for authcid Straße (signed for strasse@)', () => {
    if (straße?.message === undefined) throw new Error('authcid-unicode-fold missing');
    const token = straße.message.split('\0')[2] ?? '';
    const xmppToken = createAt(straße.verify_unix_ms, {
      randomFill: nonceFill(token.slice(8, 40)),
    });
    const minted = xmppToken.mint('Straße');
    expect(minted.jid).toBe('strasse@example.test');
    expect(minted.token).toBe(token);
  });
});
