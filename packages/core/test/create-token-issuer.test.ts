import {
  ConfigurationError,
  ForeignDomainError,
  InvalidJidError,
  type XmppToken,
} from '@xmpp-token/core';
import {
  TOKEN_RESPONSE_HEADERS,
  createTokenIssuer,
  credentialsBody,
  identityOf,
} from '@xmpp-token/core/adapter';
import { describe, expect, it } from 'vitest';
import { createAt } from './support/vectors.js';

const T0 = 1_700_000_025_000;

/** The vectors' minter, counting calls to `mint`. */
function countingMinter(): { xmppToken: XmppToken; mints: () => number } {
  const inner = createAt(T0);
  let count = 0;
  const xmppToken: XmppToken = {
    domain: inner.domain,
    domains: inner.domains,
    verify: (user, token) => inner.verify(user, token),
    mint: (user) => {
      count++;
      return inner.mint(user);
    },
  };
  return { xmppToken, mints: () => count };
}

describe('identityOf', () => {
  it.each<[unknown, string | undefined]>([
    ['alice', 'alice'],
    ['alice@example.test', 'alice@example.test'],
    ['', undefined],
    [{ jid: 'alice@example.test', username: 'bob' }, 'alice@example.test'],
    [{ username: 'bob' }, 'bob'],
    [{ jid: '', username: 'bob' }, 'bob'],
    [{ jid: 42, username: 'bob' }, 'bob'],
    [{ username: '' }, undefined],
    [{ id: 7 }, undefined],
    [null, undefined],
    [undefined, undefined],
    [false, undefined],
    [42, undefined],
  ])('%j -> %j', (user, identity) => {
    expect(identityOf(user)).toBe(identity);
  });
});

describe('createTokenIssuer', () => {
  it('mints nothing until the token is read, then once (memoized)', async () => {
    const { xmppToken, mints } = countingMinter();
    const issue = createTokenIssuer({ xmppToken }, (request: { user: unknown }) => request.user);
    const read = await issue({ user: { username: 'Alice' } });
    expect(mints()).toBe(0);
    const first = read?.();
    expect(first).toMatchObject({ jid: 'alice@example.test' });
    expect(read?.()).toBe(first);
    expect(mints()).toBe(1);
  });

  it('mints a token that verifies for the user', async () => {
    const { xmppToken } = countingMinter();
    const issue = createTokenIssuer({ xmppToken }, () => 'alice');
    const minted = (await issue({}))?.();
    await expect(xmppToken.verify('alice', minted?.token ?? '')).resolves.toMatchObject({
      ok: true,
    });
  });

  it('awaits an async identity resolver', async () => {
    const { xmppToken } = countingMinter();
    const issue = createTokenIssuer({ xmppToken }, async () => ({ jid: 'bob@example.test' }));
    expect((await issue({}))?.().jid).toBe('bob@example.test');
  });

  it.each([undefined, null, false, '', {}])(
    'resolves undefined for an anonymous request (%j)',
    async (user) => {
      const { xmppToken, mints } = countingMinter();
      await expect(createTokenIssuer({ xmppToken }, () => user)({})).resolves.toBeUndefined();
      expect(mints()).toBe(0);
    },
  );

  it('rejects at once, not on first read, for an identity Prosody would refuse', async () => {
    const { xmppToken, mints } = countingMinter();
    await expect(createTokenIssuer({ xmppToken }, () => 'al ice')({})).rejects.toBeInstanceOf(
      InvalidJidError,
    );
    expect(mints()).toBe(0);
  });

  it('rejects at once with ForeignDomainError for a JID of a domain not served', async () => {
    const { xmppToken, mints } = countingMinter();
    const issue = createTokenIssuer({ xmppToken }, () => 'alice@other.test');
    await expect(issue({})).rejects.toBeInstanceOf(ForeignDomainError);
    expect(mints()).toBe(0);
  });

  it('prefers the options’ identity over the adapter’s default', async () => {
    const { xmppToken } = countingMinter();
    const issue = createTokenIssuer({ xmppToken, identity: () => 'carol' }, () => 'alice');
    expect((await issue({}))?.().jid).toBe('carol@example.test');
  });

  it('rejects with the resolver’s own error', async () => {
    const failure = new Error('session store down');
    const issue = createTokenIssuer({ xmppToken: countingMinter().xmppToken }, () =>
      Promise.reject(failure),
    );
    await expect(issue({})).rejects.toBe(failure);
  });

  it.each([undefined, {}, { xmppToken: {} }, { xmppToken: 'secret' }])(
    'throws a ConfigurationError at once without a usable xmppToken (%j)',
    (options) => {
      const create = () => createTokenIssuer(options as never, () => 'alice');
      expect(create).toThrow(ConfigurationError);
      expect(create).toThrow(/xmppToken is required/);
    },
  );
});

describe('credentialsBody and TOKEN_RESPONSE_HEADERS', () => {
  it('shapes the Converse.js credentials_url body: { jid, password }', () => {
    const minted = createAt(T0).mint('alice');
    expect(credentialsBody(minted)).toEqual({ jid: 'alice@example.test', password: minted.token });
  });

  it('forbids caching and sniffing a response that carries a token', () => {
    expect(TOKEN_RESPONSE_HEADERS).toEqual({
      'Cache-Control': 'no-store',
      Pragma: 'no-cache',
      'X-Content-Type-Options': 'nosniff',
    });
  });
});
