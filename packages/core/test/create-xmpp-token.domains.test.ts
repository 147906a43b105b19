import {
  ConfigurationError,
  ForeignDomainError,
  createXmppToken,
  isXmppTokenError,
  type XmppTokenOptions,
} from '@xmpp-token/core';
import { describe, expect, it } from 'vitest';
import { SECRET, SEED, signToken, thrownBy } from './support/vectors.js';

const T0 = 1_700_000_025_000;
const clock = () => T0;
// Two VirtualHosts sharing one token_secret: a token for one must not log in to the other's app.
const shared = { tokenSecret: SECRET, otpSeed: SEED, clock };
const otherHost = createXmppToken({ ...shared, domain: 'other.test' });

describe('the configured domain restricts verify', () => {
  const xmppToken = createXmppToken({ ...shared, domain: 'example.test' });

  it('refuses a JID of another domain, even signed with this secret: foreign_domain', async () => {
    const { jid, token } = otherHost.mint('bob');
    expect(jid).toBe('bob@other.test');
    await expect(xmppToken.verify(jid, token)).resolves.toEqual({
      ok: false,
      reason: 'foreign_domain',
    });
    // The other VirtualHost's app still accepts it: the refusal used nothing up.
    await expect(otherHost.verify(jid, token)).resolves.toMatchObject({ ok: true });
  });

  it('refuses it whatever the case of the domain, and accepts its own domain', async () => {
    const foreign = signToken('12345678', '1'.repeat(32), 'bob@other.test');
    await expect(xmppToken.verify('bob@OTHER.test', foreign)).resolves.toMatchObject({
      reason: 'foreign_domain',
    });
    const own = xmppToken.mint('bob');
    await expect(xmppToken.verify('bob@EXAMPLE.test', own.token)).resolves.toMatchObject({
      ok: true,
      jid: 'bob@example.test',
    });
  });

  it('does not take a domain that merely ends like the configured one', async () => {
    const lookalike = createXmppToken({ ...shared, domain: 'evilexample.test' }).mint('bob');
    await expect(xmppToken.verify(lookalike.jid, lookalike.token)).resolves.toMatchObject({
      reason: 'foreign_domain',
    });
  });
});

describe('the configured domain restricts mint', () => {
  const xmppToken = createXmppToken({ ...shared, domain: 'example.test' });

  it('throws ForeignDomainError for a JID of another domain, without naming it', () => {
    const error = thrownBy(() => xmppToken.mint('bob@other.test'));
    expect(error).toBeInstanceOf(ForeignDomainError);
    expect(isXmppTokenError(error, 'ERR_XMPP_TOKEN_FOREIGN_DOMAIN')).toBe(true);
    expect((error as Error).message).toMatch(/domains/);
    expect((error as Error).message).not.toContain('other.test');
  });

  it('mints for its own domain, given as a localpart or a JID', () => {
    expect(xmppToken.mint('Alice').jid).toBe('alice@example.test');
    expect(xmppToken.mint('alice@Example.Test').jid).toBe('alice@example.test');
  });
});

describe('domains: an allow-list for an app serving several', () => {
  const xmppToken = createXmppToken({
    ...shared,
    domain: 'Example.Test',
    domains: ['chat.example.test', 'example.test', 'OTHER.test'],
  });

  it('exposes every served domain, lowercased, `domain` first, once each', () => {
    expect(xmppToken.domain).toBe('example.test');
    expect(xmppToken.domains).toEqual(['example.test', 'chat.example.test', 'other.test']);
  });

  it('mints and verifies for each listed domain; `domain` still completes a localpart', async () => {
    for (const user of ['alice', 'alice@chat.example.test', 'alice@other.test']) {
      const { jid, token } = xmppToken.mint(user);
      await expect(xmppToken.verify(jid, token)).resolves.toMatchObject({ ok: true, jid });
    }
    expect(xmppToken.mint('alice').jid).toBe('alice@example.test');
  });

  it('still refuses any other domain', async () => {
    const { jid, token } = createXmppToken({ ...shared, domain: 'third.test' }).mint('bob');
    await expect(xmppToken.verify(jid, token)).resolves.toMatchObject({
      reason: 'foreign_domain',
    });
    expect(() => xmppToken.mint(jid)).toThrow(ForeignDomainError);
  });

  it('without `domain`, serves the list, and a bare localpart is not a JID (bad_jid)', async () => {
    const listOnly = createXmppToken({ ...shared, domains: ['example.test'] });
    const { token } = listOnly.mint('alice@example.test');
    await expect(listOnly.verify('alice', token)).resolves.toMatchObject({ reason: 'bad_jid' });
    await expect(listOnly.verify('alice@example.test', token)).resolves.toMatchObject({ ok: true });
  });
});

describe('configuration', () => {
  const configError = (options: Partial<XmppTokenOptions>): Error => {
    const error = thrownBy(() => createXmppToken({ ...shared, ...options } as XmppTokenOptions));
    expect(error).toBeInstanceOf(ConfigurationError);
    return error as Error;
  };

  it('fails safe: no domain at all is a ConfigurationError, not "every domain"', () => {
    expect(configError({}).message).toMatch(/domain is required/);
    expect(configError({ domains: [] }).message).toMatch(/domain is required/);
  });

  it.each([
    ['not a list', { domains: 'example.test' }, /domains must be a list/],
    ['an item that is no host name', { domains: ['example.test', 'a b'] }, /domains\[1\]/],
    ['an item that is no string', { domains: [42] }, /domains\[0\]/],
  ])('refuses domains %s', (_name, options, message) => {
    expect(configError(options as Partial<XmppTokenOptions>).message).toMatch(message);
  });
});
