import {
  createNodeRequestView,
  createRequestView,
  fromCookie,
  fromFirst,
  fromHeader,
  readCookie,
  readHeader,
  type CredentialsExtractor,
  type RequestAccess,
} from '@xmpp-token/core/adapter';
import { encodeSaslResponse } from '@xmpp-token/core';
import { describe, expect, it } from 'vitest';

interface Raw {
  readonly headers: Record<string, string>;
  readonly jar: Record<string, string>;
  readonly parsed?: unknown;
}

const ACCESS: RequestAccess<Raw> = {
  header: (raw, name) => readHeader(raw.headers, name),
  cookie: (raw, name) => readCookie(raw.jar, name),
  body: (raw) => raw.parsed,
};

describe('createRequestView', () => {
  const raw: Raw = { headers: { 'x-jid': 'alice' }, jar: { xmpp: 'c' }, parsed: { a: 1 } };

  it('reads through the adapter’s access functions', () => {
    const view = createRequestView(raw, ACCESS);
    expect(view.raw).toBe(raw);
    expect(view.header('x-jid')).toBe('alice');
    expect(view.cookie('xmpp')).toBe('c');
    expect(view.body).toEqual({ a: 1 });
  });

  it('survives destructuring: ({ header, cookie, body, raw }) => ...', () => {
    const { header, cookie, body, raw: same } = createRequestView(raw, ACCESS);
    expect(header('x-jid')).toBe('alice');
    expect(cookie('xmpp')).toBe('c');
    expect(body).toEqual({ a: 1 });
    expect(same).toBe(raw);
  });

  it('runs a destructuring custom extractor next to core’s own ones', () => {
    const token = '1'.repeat(40) + ' ' + 'A'.repeat(43) + '=';
    const pair: CredentialsExtractor<Raw> = ({ header }) => {
      const user = header('x-jid');
      const value = header('x-token-raw');
      return user && value ? { user, token: value } : undefined;
    };
    const extract = fromFirst(fromHeader('x-xmpp-token'), fromCookie('none'), pair);
    const view = createRequestView(
      { ...raw, headers: { ...raw.headers, 'x-token-raw': token } },
      ACCESS,
    );
    expect(extract(view)).toEqual({ user: 'alice', token });
    const sasl = encodeSaslResponse({ authcid: 'bob', token });
    const viaHeader = createRequestView({ ...raw, headers: { 'x-xmpp-token': sasl } }, ACCESS);
    expect(extract(viaHeader)).toEqual({ user: 'bob', token });
  });

  it('gives the same bound functions on every read of one view', () => {
    const view = createRequestView(raw, ACCESS);
    expect(view.header).toBe(view.header);
    expect(view.cookie).toBe(view.cookie);
  });
});

describe('the Node request view destructured, as the passport README shows', () => {
  it('reads headers and cookies without `this`', () => {
    const { header, cookie } = createNodeRequestView({
      headers: { 'x-xmpp-jid': 'alice' },
      cookies: { xmpp: 'v' },
    });
    expect(header('x-xmpp-jid')).toBe('alice');
    expect(cookie('xmpp')).toBe('v');
  });
});

describe('readCookie', () => {
  it('takes a parsed record as it is (cookie-parser has decoded it)', () => {
    expect(readCookie({ xmpp: 'a%2Bb' }, 'xmpp')).toBe('a%2Bb');
    expect(readCookie({ xmpp: false }, 'xmpp')).toBeUndefined();
    expect(readCookie({}, 'constructor')).toBeUndefined();
  });

  it('percent-decodes a raw value from a get(name) jar (Koa), as cookie-parser does', () => {
    const jar = (value: string | undefined) => ({ get: () => value });
    expect(readCookie(jar('AGFsaWNl%2BAA%3D%3D'), 'xmpp')).toBe('AGFsaWNl+AA==');
    expect(readCookie(jar('plain'), 'xmpp')).toBe('plain');
    expect(readCookie(jar('bad%E0%A4%A'), 'xmpp')).toBe('bad%E0%A4%A'); // not decodable: as is
    expect(readCookie(jar(undefined), 'xmpp')).toBeUndefined();
  });

  it.each([undefined, null, 'a=b', 42])('is undefined without a jar (%j)', (jar) => {
    expect(readCookie(jar, 'xmpp')).toBeUndefined();
  });
});
