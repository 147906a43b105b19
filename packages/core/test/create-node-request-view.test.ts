import { createNodeRequestView } from '@xmpp-token/core/adapter';
import { describe, expect, it } from 'vitest';

describe('createNodeRequestView', () => {
  it('reads the first of repeated headers, by Node’s lower-case name', () => {
    const raw = { headers: { authorization: 'X-TOKEN a', 'x-many': ['one', 'two'] } };
    const view = createNodeRequestView(raw);
    expect(view.raw).toBe(raw);
    expect(view.header('authorization')).toBe('X-TOKEN a');
    expect(view.header('x-many')).toBe('one');
    expect(view.header('x-none')).toBeUndefined();
  });

  it('reads cookie-parser’s records, signed first, and a failed signature is no cookie', () => {
    const view = createNodeRequestView({
      headers: {},
      cookies: { plain: 'p', both: 'unsigned', forged: 'unsigned' },
      signedCookies: { both: 'signed', forged: false },
    });
    expect(view.cookie('plain')).toBe('p');
    expect(view.cookie('both')).toBe('signed');
    expect(view.cookie('forged')).toBeUndefined();
    expect(view.cookie('none')).toBeUndefined();
  });

  it('reads a cookie jar with get(name), as koa-passport passes Koa’s', () => {
    const jar = { get: (name: string) => (name === 'xmpp' ? 'value' : undefined) };
    const view = createNodeRequestView({ headers: {}, cookies: jar });
    expect(view.cookie('xmpp')).toBe('value');
    expect(view.cookie('other')).toBeUndefined();
  });

  it('exposes the parsed body, and nothing without a cookie or body parser', () => {
    expect(createNodeRequestView({ headers: {}, body: { token: 't' } }).body).toEqual({
      token: 't',
    });
    const bare = createNodeRequestView({ headers: {} });
    expect(bare.body).toBeUndefined();
    expect(bare.cookie('xmpp')).toBeUndefined();
  });
});
