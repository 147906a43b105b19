import { generateKeys } from '@xmpp-token/core';
import { openXmppStream, type LuaValue } from '@xmpp-token/prosody/test-server';
import { describe, expect, it } from 'vitest';
import { ACCEPTED, rawLogin } from './support/clients.js';
import { mintAt } from './support/clock.js';
import { hasProsody, useProsody } from './support/prosody.js';

const good = generateKeys();
const SHORT_SECRET = 'Sh0rt-S3cr3t';
const SPACED_SEED = 'XVGR 73KM ZH2M 4XMY';

/** One misconfigured VirtualHost each, and what the module must say about it. */
const BROKEN: readonly {
  readonly host: string;
  readonly options: Readonly<Record<string, LuaValue>>;
  readonly message: string;
}[] = [
  {
    host: 'no-secret.test',
    options: { otp_seed: good.otpSeed },
    message: 'token_secret is missing: set it to the same value as the web app',
  },
  {
    host: 'empty-secret.test',
    options: { token_secret: '', otp_seed: good.otpSeed },
    message: 'token_secret is missing',
  },
  {
    host: 'empty-list.test',
    options: { token_secret: [], otp_seed: good.otpSeed },
    message: 'token_secret is an empty list',
  },
  {
    host: 'short-secret.test',
    options: { token_secret: SHORT_SECRET, otp_seed: good.otpSeed },
    message: 'token_secret item 1 is 12 bytes; use at least 16',
  },
  {
    host: 'short-second-secret.test',
    options: { token_secret: [good.tokenSecret, SHORT_SECRET], otp_seed: good.otpSeed },
    message: 'token_secret item 2 is 12 bytes; use at least 16',
  },
  {
    host: 'number-secret.test',
    options: { token_secret: 1234567890123456, otp_seed: good.otpSeed },
    message: 'token_secret item 1 is a number; give strings',
  },
  {
    host: 'no-seed.test',
    options: { token_secret: good.tokenSecret },
    message: 'otp_seed is missing',
  },
  {
    host: 'spaced-seed.test',
    options: { token_secret: good.tokenSecret, otp_seed: SPACED_SEED },
    message: 'otp_seed item 1 is not base32 (A-Z, 2-7, optional =)',
  },
  {
    host: 'short-seed.test',
    options: { token_secret: good.tokenSecret, otp_seed: 'JBSWY3DPEE' },
    message: 'otp_seed item 1 decodes to 6 bytes; use 10 to 64',
  },
  {
    host: 'bad-limit.test',
    options: { token_secret: good.tokenSecret, otp_seed: good.otpSeed, xmpp_token_replay_limit: 0 },
    message: 'xmpp_token_replay_limit must be a positive whole number',
  },
];

const virtualHost = ({ host, options }: (typeof BROKEN)[number]) =>
  [
    `VirtualHost "${host}"`,
    '  authentication = "xmpp_token"',
    ...Object.entries(options).map(
      ([name, value]) =>
        `  ${name} = ${Array.isArray(value) ? `{ ${value.map((v) => JSON.stringify(v)).join(', ')} }` : JSON.stringify(value)}`,
    ),
  ].join('\n');

describe.skipIf(!hasProsody)('misconfiguration fails closed, with a clear message', () => {
  const suite = useProsody({
    ...good,
    globalLua: [
      ...BROKEN.map(virtualHost),
      // Loaded where another provider authenticates: it says so and offers nothing there.
      'VirtualHost "other-auth.test"',
      '  authentication = "internal_hashed"',
      '  modules_enabled = { "auth_xmpp_token" }',
      `  token_secret = "${good.tokenSecret}"`,
      `  otp_seed = "${good.otpSeed}"`,
    ].join('\n'),
  });
  const offered = async (domain: string) => {
    const stream = await openXmppStream({ url: suite.server.c2sUrl, domain }).catch(
      (error: Error) => error,
    );
    if (stream instanceof Error) return stream.message;
    stream.close();
    return stream.mechanisms;
  };

  it.each(BROKEN)('$host: "$message" in the log at load, and no login', async (broken) => {
    expect(suite.server.readLog()).toContain(
      `Error initializing module 'auth_xmpp_token' on '${broken.host}': mod_auth_xmpp_token: ${broken.message}`,
    );
    // No auth provider: Prosody offers no mechanism at all, so nobody can log in.
    expect(await offered(broken.host)).toBe('stream error: undefined-condition');
    expect(suite.server.readLog()).toContain(
      `No available SASL mechanisms, verify that the configured authentication module 'xmpp_token' is loaded and configured correctly`,
    );
  });

  it('no message contains a configured value', () => {
    const log = suite.server.readLog();
    for (const value of [SHORT_SECRET, SPACED_SEED, '1234567890123456', good.tokenSecret]) {
      expect(log).not.toContain(value);
    }
  });

  it('a host where another module authenticates: a warning, and no X-TOKEN there', async () => {
    expect(suite.server.readLog()).toMatch(
      /other-auth\.test:auth_xmpp_token\twarn\tLoaded, but this host's authentication is not "xmpp_token": X-TOKEN is not offered here/,
    );
    const mechanisms = await offered('other-auth.test');
    expect(mechanisms).not.toContain('X-TOKEN');
  });

  it('the correctly configured host of the same Prosody keeps serving', async () => {
    const { token } = mintAt(good, 'localhost', 'alice');
    await expect(
      rawLogin({ url: suite.server.c2sUrl, domain: 'localhost' }, 'alice', token),
    ).resolves.toEqual(ACCEPTED);
  });
});
