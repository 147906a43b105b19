import { describe, expect, it } from 'vitest';
import { isXmppTokenClientError, XmppTokenClientError } from '@xmpp-token/client';

describe('isXmppTokenClientError', () => {
  const error = new XmppTokenClientError('ERR_XMPP_TOKEN_CREDENTIALS', 'no', { status: 401 });

  it('recognizes its errors, optionally by code', () => {
    expect(isXmppTokenClientError(error)).toBe(true);
    expect(isXmppTokenClientError(error, 'ERR_XMPP_TOKEN_CREDENTIALS')).toBe(true);
    expect(isXmppTokenClientError(error, 'ERR_XMPP_TOKEN_INSECURE_TRANSPORT')).toBe(false);
    expect(error).toMatchObject({ name: 'XmppTokenClientError', status: 401 });
  });

  it('works for a copy from another module instance (no instanceof)', () => {
    const copy = Object.assign(new Error('x'), {
      name: 'XmppTokenClientError',
      code: 'ERR_XMPP_TOKEN_NO_MECHANISM',
    });
    expect(isXmppTokenClientError(copy, 'ERR_XMPP_TOKEN_NO_MECHANISM')).toBe(true);
  });

  it.each([
    undefined,
    null,
    'ERR_XMPP_TOKEN_CREDENTIALS',
    new Error('x'),
    { code: 'ERR_XMPP_TOKEN_CREDENTIALS' },
  ])('is false for %o', (value) => {
    expect(isXmppTokenClientError(value)).toBe(false);
  });
});
