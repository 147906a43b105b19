import {
  ConfigurationError,
  ForeignDomainError,
  InvalidJidError,
  ReplayStoreError,
  XmppTokenError,
  createXmppToken,
  isXmppTokenError,
  type XmppTokenOptions,
} from '@xmpp-token/core';
import { describe, expect, it } from 'vitest';
import { HOST, SECRET, SEED, createAt, thrownBy } from './support/vectors.js';

const configError = (options: unknown): Error => {
  const error = thrownBy(() => createXmppToken(options as XmppTokenOptions));
  expect(error).toBeInstanceOf(ConfigurationError);
  return error as Error;
};

describe('ConfigurationError at construction', () => {
  const SHORT_SECRET = 'Sh0rtSecretXYZ'; // 14 bytes

  it('for a token_secret under 16 bytes, naming the problem but not the secret', () => {
    const error = configError({ tokenSecret: SHORT_SECRET, otpSeed: SEED });
    expect(error.message).toMatch(/tokenSecret is 14 bytes; use at least 16/);
    expect(error.message).not.toContain(SHORT_SECRET);
  });

  it('for a short secret in a rotation list, naming its index only', () => {
    const error = configError({ tokenSecret: [SECRET, SHORT_SECRET], otpSeed: SEED });
    expect(error.message).toMatch(/tokenSecret\[1\]/);
    expect(error.message).not.toContain(SHORT_SECRET);
    expect(error.message).not.toContain(SECRET);
  });

  it.each([
    ['an empty list', []],
    ['a number', 1234567890123456],
    ['undefined', undefined],
    ['a list with a non-string', [SECRET, 42]],
  ])('for a tokenSecret that is %s', (_name, tokenSecret) => {
    configError({ tokenSecret, otpSeed: SEED });
  });

  it('honours minSecretBytes', () => {
    expect(() =>
      createXmppToken({
        tokenSecret: SHORT_SECRET,
        otpSeed: SEED,
        domain: HOST,
        minSecretBytes: 14,
      }),
    ).not.toThrow();
    configError({ tokenSecret: SECRET, otpSeed: SEED, minSecretBytes: 33 });
  });

  it.each([
    ['not base32 (Prosody would fail every login)', 'XVGR73KMZH2M4XM1'],
    ['with spaces', 'XVGR 73KM ZH2M 4XMY'],
    ['base64, not base32', 'vU0f7UzJ9M5dmA=='],
    ['6 bytes, under the 10-byte minimum', 'JBSWY3DPEH'],
    ['empty', ''],
    ['over 64 bytes', 'A'.repeat(104)],
  ])('for an otpSeed %s, without echoing it', (_name, otpSeed) => {
    const error = configError({ tokenSecret: SECRET, otpSeed });
    expect(error.message).toMatch(/otpSeed/);
    if (otpSeed.length > 0) expect(error.message).not.toContain(otpSeed);
  });

  it('for a non-string otpSeed', () => {
    configError({ tokenSecret: SECRET, otpSeed: 42 });
  });

  it.each<[keyof XmppTokenOptions, unknown]>([
    ['digits', 5],
    ['digits', 11],
    ['digits', 8.5],
    ['digits', '8'],
    ['digits', Number.NaN],
    ['stepSeconds', 0],
    ['stepSeconds', 3601],
    ['window', -1],
    ['window', 11],
    ['nonceLength', 15],
    ['nonceLength', 257],
    ['minSeedBytes', 0],
    ['minSeedBytes', 65],
    ['minSecretBytes', 0],
  ])('for %s = %s, naming the option', (name, value) => {
    const error = configError({ tokenSecret: SECRET, otpSeed: SEED, [name]: value });
    expect(error.message).toContain(name);
  });

  it.each(['exa mple.test', 'a@b', '', 42])('for the domain %j', (domain) => {
    configError({ tokenSecret: SECRET, otpSeed: SEED, domain });
  });

  it.each([null, undefined, 'options'])('for options %j', (options) => {
    configError(options);
  });

  it('is a typed, named XmppTokenError', () => {
    const error = configError({ tokenSecret: 'short', otpSeed: SEED });
    expect(error).toBeInstanceOf(XmppTokenError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ConfigurationError');
    expect(error).toMatchObject({ code: 'ERR_XMPP_TOKEN_CONFIG' });
  });
});

describe('InvalidJidError from mint', () => {
  const xmppToken = createAt(1_700_000_000_000);

  it.each(['al ice', 'a/b', '', 'alice@', 'alice@exa mple.test', '\u202Ealice'])(
    'for %j',
    (user) => {
      const error = thrownBy(() => xmppToken.mint(user));
      expect(error).toBeInstanceOf(InvalidJidError);
      expect(isXmppTokenError(error, 'ERR_XMPP_TOKEN_INVALID_JID')).toBe(true);
    },
  );

  it('says a bare localpart needs `domain` when only `domains` is configured', () => {
    const listOnly = createXmppToken({ tokenSecret: SECRET, otpSeed: SEED, domains: [HOST] });
    expect(() => listOnly.mint('alice')).toThrow(/domain/);
    expect(listOnly.mint(`alice@${HOST}`).jid).toBe(`alice@${HOST}`);
  });
});

describe('isXmppTokenError', () => {
  it('recognises every error class by its code', () => {
    expect(isXmppTokenError(new ConfigurationError('x'))).toBe(true);
    expect(isXmppTokenError(new InvalidJidError('x'))).toBe(true);
    expect(isXmppTokenError(new ReplayStoreError('x'))).toBe(true);
    expect(isXmppTokenError(new ReplayStoreError('x'), 'ERR_XMPP_TOKEN_STORE')).toBe(true);
    expect(isXmppTokenError(new ReplayStoreError('x'), 'ERR_XMPP_TOKEN_CONFIG')).toBe(false);
    expect(isXmppTokenError(new ForeignDomainError('x'), 'ERR_XMPP_TOKEN_FOREIGN_DOMAIN')).toBe(
      true,
    );
  });

  it('works across module copies: a plain object with the code counts', () => {
    expect(isXmppTokenError({ code: 'ERR_XMPP_TOKEN_CONFIG', message: 'x' })).toBe(true);
    expect(isXmppTokenError({ code: 'ERR_XMPP_TOKEN_REJECTED' }, 'ERR_XMPP_TOKEN_REJECTED')).toBe(
      true,
    );
  });

  it.each([
    new Error('x'),
    new TypeError('x'),
    { code: 'ERR_OTHER' },
    { code: 42 },
    null,
    undefined,
    'ERR_XMPP_TOKEN_CONFIG',
    0,
  ])('is false for %j', (value) => {
    expect(isXmppTokenError(value)).toBe(false);
  });

  it('keeps the cause', () => {
    const cause = new Error('redis down');
    expect(new ReplayStoreError('store failed', { cause }).cause).toBe(cause);
  });
});
