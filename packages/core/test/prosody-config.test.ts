import { generateKeys, prosodyConfig } from '@xmpp-token/core';
import { describe, expect, it } from 'vitest';
import { SECRET, SEED, thrownBy } from './support/vectors.js';

describe('prosodyConfig', () => {
  const config = prosodyConfig({ otpSeed: SEED, tokenSecret: SECRET });
  const lines = config.split('\n');

  it('writes the lines mod_auth_token reads, with the keys as written', () => {
    expect(lines).toContain('authentication = "token"');
    expect(lines).toContain(`token_secret = "${SECRET}"`);
    expect(lines).toContain(`otp_seed = "${SEED}"`);
  });

  it('mentions the SASL mechanism module, which Prosody does not load by itself', () => {
    expect(config).toContain('sasl_token');
  });

  it('is Lua: comments and `name = value` lines only, ending with a newline', () => {
    expect(config.endsWith('\n')).toBe(true);
    for (const line of lines.filter((l) => l.length > 0)) {
      expect(line).toMatch(/^(--.*|[a-z_]+ = ("[A-Za-z0-9=]*"|\{[^}]*\}))$/);
    }
  });

  it('works with generated keys', () => {
    const keys = generateKeys();
    const generated = prosodyConfig(keys).split('\n');
    expect(generated).toContain(`token_secret = "${keys.tokenSecret}"`);
    expect(generated).toContain(`otp_seed = "${keys.otpSeed}"`);
  });

  it.each([
    ['a quote', 'ABC"DEF'],
    ['a newline', 'ABC\nDEF'],
    ['a backslash', 'ABC\\DEF'],
    ['empty', ''],
  ])('refuses a key with %s rather than emit broken Lua, without echoing it', (_name, bad) => {
    for (const keys of [
      { otpSeed: bad, tokenSecret: SECRET },
      { otpSeed: SEED, tokenSecret: bad },
    ]) {
      const error = thrownBy(() => prosodyConfig(keys));
      expect(error).toBeInstanceOf(TypeError);
      if (bad.length > 0) expect((error as Error).message).not.toContain(bad);
    }
  });
});
