import {
  isXmppTokenError,
  type ConfigurationError,
  type ForeignDomainError,
  type InvalidJidError,
  type RejectionReason,
  type ReplayStoreError,
  type VerificationError,
  type XmppTokenError,
  type XmppTokenErrorCode,
} from '@xmpp-token/core';
import { describe, expectTypeOf, it } from 'vitest';

declare const err: unknown;

describe('isXmppTokenError narrows per code', () => {
  it('to VerificationError for ERR_XMPP_TOKEN_REJECTED, as the adapters’ READMEs use it', () => {
    if (isXmppTokenError(err, 'ERR_XMPP_TOKEN_REJECTED')) {
      expectTypeOf(err).toEqualTypeOf<VerificationError>();
      expectTypeOf(err.status).toEqualTypeOf<401 | 500>();
      expectTypeOf(err.wwwAuthenticate).toEqualTypeOf<string | undefined>();
      expectTypeOf(err.reason).toEqualTypeOf<RejectionReason>();
      expectTypeOf(err.toResponseBody()).toMatchTypeOf<{ error: string; message: string }>();
    }
  });

  it('to each class for its code', () => {
    if (isXmppTokenError(err, 'ERR_XMPP_TOKEN_CONFIG')) {
      expectTypeOf(err).toEqualTypeOf<ConfigurationError>();
    }
    if (isXmppTokenError(err, 'ERR_XMPP_TOKEN_INVALID_JID')) {
      expectTypeOf(err).toEqualTypeOf<InvalidJidError>();
    }
    if (isXmppTokenError(err, 'ERR_XMPP_TOKEN_FOREIGN_DOMAIN')) {
      expectTypeOf(err).toEqualTypeOf<ForeignDomainError>();
    }
    // A failed store: the store's own error, or the adapters' 500 VerificationError.
    if (isXmppTokenError(err, 'ERR_XMPP_TOKEN_STORE')) {
      expectTypeOf(err).toEqualTypeOf<ReplayStoreError | VerificationError>();
      expectTypeOf(err.code).toEqualTypeOf<'ERR_XMPP_TOKEN_STORE' | 'ERR_XMPP_TOKEN_REJECTED'>();
    }
  });

  it('to the base class without a code, or with a code only known as the union', () => {
    if (isXmppTokenError(err)) expectTypeOf(err).toEqualTypeOf<XmppTokenError>();
    const code = 'ERR_XMPP_TOKEN_CONFIG' as XmppTokenErrorCode | undefined;
    if (isXmppTokenError(err, code)) expectTypeOf(err).toEqualTypeOf<XmppTokenError>();
  });

  it('only accepts known codes', () => {
    // @ts-expect-error not an xmpp-token code
    isXmppTokenError(err, 'ERR_OTHER');
  });
});
