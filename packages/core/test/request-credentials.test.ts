import { encodeSaslResponse, formatAuthorizationHeader } from '@xmpp-token/core';
import {
  fromAuthorizationHeader,
  fromBody,
  fromCookie,
  fromFirst,
  fromHeader,
  type CredentialsExtractor,
} from '@xmpp-token/core/adapter';
import { describe, expect, it, vi } from 'vitest';
import { fakeRequest } from './support/request.js';

const TOKEN =
  '0901786116592958584670011532658890953260 LvzcQZHYlVvAgTxPy01xR2mq8pPA6kfuT2VSNylRwFo=';
const SASL = encodeSaslResponse({ authcid: 'alice', token: TOKEN });
const CREDENTIALS = { user: 'alice', token: TOKEN };
// Present but unreadable: verify answers `malformed`, so even `credentialsRequired: false` refuses.
const UNREADABLE = { user: '', token: '' };

describe('fromAuthorizationHeader', () => {
  const extract = fromAuthorizationHeader();

  it('reads `Authorization: X-TOKEN <base64 SASL response>`', () => {
    const header = formatAuthorizationHeader({ authcid: 'alice', token: TOKEN });
    expect(extract(fakeRequest({ headers: { Authorization: header } }))).toEqual(CREDENTIALS);
  });

  it('ignores the authzid, as Prosody', () => {
    const header = formatAuthorizationHeader({
      authzid: 'bob@example.test',
      authcid: 'alice',
      token: TOKEN,
    });
    expect(extract(fakeRequest({ headers: { authorization: header } }))).toEqual(CREDENTIALS);
  });

  it('passes a bare-JID authcid through (multi-domain apps, PROTOCOL.md)', () => {
    const header = formatAuthorizationHeader({ authcid: 'alice@example.test', token: TOKEN });
    expect(extract(fakeRequest({ headers: { authorization: header } }))).toEqual({
      ...CREDENTIALS,
      user: 'alice@example.test',
    });
  });

  it.each([`x-token ${SASL}`, `X-Token ${SASL}`, `X-TOKEN   ${SASL}`, `X-TOKEN ${SASL} `])(
    'accepts the scheme case-insensitively and spare spaces: %s',
    (value) => {
      expect(extract(fakeRequest({ headers: { authorization: value } }))).toEqual(CREDENTIALS);
    },
  );

  it.each([
    ['no header', undefined],
    ['another scheme', `Bearer ${SASL}`],
    ['Basic', `Basic ${SASL}`],
    ['a longer scheme name', `X-TOKENS ${SASL}`],
  ])('finds nothing with %s', (_name, value) => {
    const headers = value === undefined ? {} : { authorization: value };
    expect(extract(fakeRequest({ headers }))).toBeUndefined();
  });

  it.each([
    ['the raw token (it has a space: Bearer parsers cut it)', `X-TOKEN ${TOKEN}`],
    ['no credentials', 'X-TOKEN'],
    ['broken base64', `X-TOKEN ${SASL.slice(1)}`],
    ['base64 of something else', `X-TOKEN ${Buffer.from('alice:secret').toString('base64')}`],
    ['an empty token', `X-TOKEN ${encodeSaslResponse({ authcid: 'alice', token: '' })}`],
  ])('reports unreadable credentials for the X-TOKEN scheme with %s', (_name, value) => {
    expect(extract(fakeRequest({ headers: { authorization: value } }))).toEqual(UNREADABLE);
  });
});

describe('fromHeader', () => {
  it('reads the base64 SASL response from a custom header, by any case of its name', () => {
    const request = fakeRequest({ headers: { 'x-xmpp-token': SASL } });
    expect(fromHeader('X-XMPP-Token')(request)).toEqual(CREDENTIALS);
    expect(fromHeader('x-other')(request)).toBeUndefined();
  });

  it('reports unreadable credentials in a header that is not a SASL response', () => {
    expect(fromHeader('x-xmpp-token')(fakeRequest({ headers: { 'x-xmpp-token': TOKEN } }))).toEqual(
      UNREADABLE,
    );
  });
});

describe('fromCookie', () => {
  it('reads the base64 SASL response from a cookie', () => {
    expect(fromCookie('xmpp')(fakeRequest({ cookies: { xmpp: SASL } }))).toEqual(CREDENTIALS);
    expect(fromCookie('other')(fakeRequest({ cookies: { xmpp: SASL } }))).toBeUndefined();
    expect(fromCookie('xmpp')(fakeRequest({ cookies: { xmpp: 'garbage' } }))).toEqual(UNREADABLE);
  });
});

describe('fromBody', () => {
  it('reads `{ jid, token }` from a parsed JSON body', () => {
    const body = { jid: 'alice@example.test', token: TOKEN, other: 1 };
    expect(fromBody()(fakeRequest({ body }))).toEqual({ user: 'alice@example.test', token: TOKEN });
  });

  it.each([
    ['no body', undefined],
    ['null', null],
    ['a string', 'jid=alice'],
    ['a missing token', { jid: 'alice' }],
    ['Converse’s password field, not token', { jid: 'alice', password: TOKEN }],
  ])('finds nothing with %s', (_name, body) => {
    expect(fromBody()(fakeRequest({ body }))).toBeUndefined();
  });

  it.each([
    ['a non-string token', { jid: 'alice', token: 42 }],
    ['a non-string jid', { jid: ['alice'], token: TOKEN }],
    ['no jid', { token: TOKEN }],
  ])('reports unreadable credentials with %s', (_name, body) => {
    expect(fromBody()(fakeRequest({ body }))).toEqual(UNREADABLE);
  });
});

describe('fromFirst', () => {
  it('returns the first extractor’s credentials, in order, awaiting async ones', async () => {
    const calls: string[] = [];
    const none: CredentialsExtractor = () => {
      calls.push('none');
      return undefined;
    };
    const later: CredentialsExtractor = async () => {
      calls.push('async');
      return { user: 'bob', token: 't' };
    };
    const never: CredentialsExtractor = () => {
      calls.push('never');
      return { user: 'carol', token: 't' };
    };
    await expect(fromFirst(none, later, never)(fakeRequest())).resolves.toEqual({
      user: 'bob',
      token: 't',
    });
    expect(calls).toEqual(['none', 'async']);
  });

  it('answers undefined when none finds anything, or there are none', () => {
    expect(fromFirst(fromAuthorizationHeader(), fromBody())(fakeRequest())).toBeUndefined();
    expect(fromFirst()(fakeRequest())).toBeUndefined();
  });

  it('prefers the header over the body when both are there', () => {
    const request = fakeRequest({
      headers: { authorization: `X-TOKEN ${SASL}` },
      body: { jid: 'bob', token: 'x' },
    });
    expect(fromFirst(fromAuthorizationHeader(), fromBody())(request)).toEqual(CREDENTIALS);
  });

  it('answers synchronously while its extractors do, and from an async one on with a promise', async () => {
    const request = fakeRequest({ body: { jid: 'bob', token: 'x' } });
    const bob = { user: 'bob', token: 'x' };
    // Synchronous extractors: the credentials themselves, no promise (the request's fast path).
    expect(fromFirst(fromAuthorizationHeader(), fromBody())(request)).toEqual(bob);
    // An async extractor that finds nothing: the ones after it still run, behind a promise.
    const nothingYet: CredentialsExtractor = () => Promise.resolve(undefined);
    const found = fromFirst(fromAuthorizationHeader(), nothingYet, fromBody())(request);
    expect(found).toBeInstanceOf(Promise);
    await expect(found).resolves.toEqual(bob);
    // A sync extractor that finds them before the async one: no promise, the async one not called.
    const unused = vi.fn(() => Promise.resolve(undefined));
    expect(fromFirst(fromBody(), unused)(request)).toEqual(bob);
    expect(unused).not.toHaveBeenCalled();
  });

  it('throws what a synchronous extractor throws, and rejects with what an async one rejects', async () => {
    const failure = new Error('no cookie parser');
    const throwing: CredentialsExtractor = () => {
      throw failure;
    };
    expect(() => fromFirst(fromAuthorizationHeader(), throwing)(fakeRequest())).toThrow(failure);
    const rejecting: CredentialsExtractor = () => Promise.reject(failure);
    await expect(fromFirst(rejecting, fromBody())(fakeRequest())).rejects.toBe(failure);
  });
});
