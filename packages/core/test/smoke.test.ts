import { describe, expect, it } from 'vitest';
import { createXmppToken } from '@xmpp-token/core';
import vectors from './vectors/mod_auth_token.json' with { type: 'json' };

describe('smoke', () => {
  it('reproduces t1', async () => {
    const t = vectors.tokens[0]!;
    const digits = t.nonce.split('').map(Number);
    const xt = createXmppToken({
      tokenSecret: vectors.config.token_secret,
      otpSeed: vectors.config.otp_seed,
      domain: vectors.config.host,
      clock: () => t.mint_unix_ms,
      randomFill: (buf) => { buf.fill(255); buf.set(digits); },
    });
    const minted = xt.mint('alice');
    expect(minted.token).toBe(t.token);
    expect(await xt.verify('alice', t.token)).toMatchObject({ ok: true });
    expect(await xt.verify('alice', t.token)).toMatchObject({ ok: false, reason: 'replayed' });
    expect(xt.mint('Straße@Example.TEST').jid).toBe('strasse@example.test');
  });
});
