import type { IncomingHttpHeaders } from 'node:http';
import { describe, expect, it } from 'vitest';
import { requestView } from '../src/internal/request-view.js';

const headers: IncomingHttpHeaders = { authorization: 'X-TOKEN abc', 'set-cookie': ['a=1', 'b=2'] };

describe('requestView', () => {
  it('reads headers by lower-case name, the first of a repeated one', () => {
    const view = requestView({ headers });
    expect(view.header('authorization')).toBe('X-TOKEN abc');
    expect(view.header('set-cookie')).toBe('a=1');
    expect(view.header('x-missing')).toBeUndefined();
  });

  it('prefers a signed cookie over a plain one (cookie-parser)', () => {
    const view = requestView({
      headers,
      cookies: { t: 'plain', u: 'only' },
      signedCookies: { t: 'signed' },
    });
    expect(view.cookie('t')).toBe('signed');
    expect(view.cookie('u')).toBe('only');
    expect(view.cookie('v')).toBeUndefined();
  });

  it("reads Koa's cookie jar through get(), as koa-passport exposes it", () => {
    const jar = { get: (name: string) => (name === 't' ? 'from jar' : undefined) };
    expect(requestView({ headers, cookies: jar }).cookie('t')).toBe('from jar');
  });

  it('ignores cookies that are not strings, and missing jars', () => {
    expect(
      requestView({ headers, cookies: { t: 42 }, signedCookies: { t: false } }).cookie('t'),
    ).toBeUndefined();
    expect(requestView({ headers }).cookie('t')).toBeUndefined();
  });

  it('reads the body when asked, after a body parser ran', () => {
    const req: { headers: IncomingHttpHeaders; body?: unknown } = { headers };
    const view = requestView(req);
    req.body = { jid: 'alice', token: 't' };
    expect(view.body).toEqual({ jid: 'alice', token: 't' });
    expect(view.raw).toBe(req);
  });
});
