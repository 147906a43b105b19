import { generateKeys, prosodyConfig } from '@xmpp-token/core';
import { describe, expect, it } from 'vitest';
import { SECRET, SEED, thrownBy } from './support/vectors.js';

describe('prosodyConfig', () => {
  const config = prosodyConfig({ otpSeed: SEED, tokenSecret: SECRET });
  const lines = config.split('\n');
  const settings = lines.filter((line) => line.length > 0 && !line.startsWith('--'));

  it('writes the settings of mod_auth_xmpp_token, with the keys as written', () => {
    expect(settings).toEqual([
      'plugin_paths = { "/usr/local/lib/prosody/modules" }',
      'authentication = "xmpp_token"',
      `token_secret = "${SECRET}"`,
      `otp_seed = "${SEED}"`,
    ]);
  });

  it('puts the global settings first, then the VirtualHost ones', () => {
    const host = lines.findIndex((line) => line.startsWith('-- In the VirtualHost'));
    expect(lines.findIndex((line) => line.startsWith('plugin_paths'))).toBeLessThan(host);
    expect(lines.findIndex((line) => line.startsWith('authentication'))).toBeGreaterThan(host);
  });

  it('says what the admin adds by hand: "websocket", and consider_websocket_secure behind TLS', () => {
    expect(lines).toContain('--   modules_enabled = { ..., "websocket" }');
    expect(lines).toContain('--   consider_websocket_secure = true');
    expect(config).toContain('reverse proxy that terminates TLS');
  });

  it('names upstream’s settings for those who keep mod_auth_token', () => {
    expect(config).toContain('authentication = "token", and "sasl_token"');
  });

  it('uses the folder given for plugin_paths', () => {
    const custom = prosodyConfig(
      { otpSeed: SEED, tokenSecret: SECRET },
      { pluginPath: '/srv/app/node_modules/@xmpp-token/prosody/modules' },
    );
    expect(custom).toContain(
      'plugin_paths = { "/srv/app/node_modules/@xmpp-token/prosody/modules" }',
    );
    expect(() =>
      prosodyConfig({ otpSeed: SEED, tokenSecret: SECRET }, { pluginPath: 'a"b' }),
    ).toThrow(TypeError);
  });

  it('is Lua: comments and `name = value` lines only, ending with a newline', () => {
    expect(config.endsWith('\n')).toBe(true);
    for (const line of lines.filter((l) => l.length > 0)) {
      expect(line).toMatch(/^(--.*|[a-z_]+ = ("[A-Za-z0-9=_]*"|\{[^}]*\}))$/);
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
