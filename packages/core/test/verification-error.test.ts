import {
  VERIFY_FAILURE_REASONS,
  VerificationError,
  XmppTokenError,
  isXmppTokenError,
  type RejectionReason,
} from '@xmpp-token/core';
import { HTTP_STATUS_BY_REASON, formatChallenge } from '@xmpp-token/core/adapter';
import { describe, expect, it } from 'vitest';

const REJECTIONS: readonly RejectionReason[] = [...VERIFY_FAILURE_REASONS, 'credentials_required'];
const CLIENT_ERRORS = REJECTIONS.filter((reason) => reason !== 'store_failure');

describe('HTTP_STATUS_BY_REASON', () => {
  it('maps every rejection reason, and only those', () => {
    expect(Object.keys(HTTP_STATUS_BY_REASON).sort()).toEqual([...REJECTIONS].sort());
  });

  it('is 500 for a broken replay store (the server’s fault), 401 for everything else', () => {
    expect(HTTP_STATUS_BY_REASON.store_failure).toBe(500);
    for (const reason of CLIENT_ERRORS) expect(HTTP_STATUS_BY_REASON[reason]).toBe(401);
  });
});

describe('VerificationError', () => {
  it.each(CLIENT_ERRORS)('%s: 401, invalid_token, a generic message', (reason) => {
    const error = new VerificationError(reason, 'xmpp');
    expect(error).toMatchObject({
      reason,
      status: 401,
      code: 'ERR_XMPP_TOKEN_REJECTED',
      name: 'VerificationError',
    });
    expect(error.message).toBe('Invalid or missing XMPP token');
    expect(error.message).not.toContain(reason);
    expect(error.toResponseBody()).toEqual({ error: 'invalid_token', message: error.message });
    expect(error.toResponseBody(true)).toEqual({
      error: 'invalid_token',
      message: error.message,
      reason,
    });
  });

  it.each(CLIENT_ERRORS.filter((r) => r !== 'credentials_required'))(
    '%s: the challenge carries error="invalid_token" (RFC 6750 section 3)',
    (reason) => {
      expect(new VerificationError(reason, 'xmpp').wwwAuthenticate).toBe(
        'X-TOKEN realm="xmpp", error="invalid_token"',
      );
    },
  );

  it('credentials_required: a bare challenge, no error attribute (no credentials were sent)', () => {
    expect(new VerificationError('credentials_required', 'xmpp').wwwAuthenticate).toBe(
      'X-TOKEN realm="xmpp"',
    );
  });

  it('store_failure: 500, server_error, no challenge, the store’s error as cause', () => {
    const cause = new Error('connection refused');
    const error = new VerificationError('store_failure', 'xmpp', { cause });
    expect(error).toMatchObject({
      reason: 'store_failure',
      status: 500,
      code: 'ERR_XMPP_TOKEN_STORE',
    });
    expect(error.wwwAuthenticate).toBeUndefined();
    expect(error.cause).toBe(cause);
    expect(error.toResponseBody()).toEqual({ error: 'server_error', message: error.message });
    expect(error.message).not.toContain('connection refused');
  });

  it('quotes the realm: quotes and backslashes escaped', () => {
    expect(new VerificationError('expired', 'my "app" \\ x').wwwAuthenticate).toBe(
      'X-TOKEN realm="my \\"app\\" \\\\ x", error="invalid_token"',
    );
  });

  it('is an XmppTokenError, recognisable by code', () => {
    const error = new VerificationError('replayed', 'xmpp');
    expect(error).toBeInstanceOf(XmppTokenError);
    expect(isXmppTokenError(error, 'ERR_XMPP_TOKEN_REJECTED')).toBe(true);
  });
});

describe('VerificationError.headers and formatChallenge', () => {
  it('carries the challenge as headers for a 401 (read by Express/Koa error handlers)', () => {
    const error = new VerificationError('expired', 'xmpp');
    expect(error.headers).toEqual({ 'WWW-Authenticate': formatChallenge('xmpp', 'expired') });
    expect(formatChallenge('xmpp', 'expired')).toBe('X-TOKEN realm="xmpp", error="invalid_token"');
  });

  it('has no challenge header for a 500', () => {
    expect(new VerificationError('store_failure', 'xmpp').headers).toEqual({});
  });
});
