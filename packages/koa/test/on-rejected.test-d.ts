import type { VerificationError, XmppToken } from '@xmpp-token/core';
import { verifyXmppToken, type RejectionHook } from '@xmpp-token/koa';
import type { Context } from 'koa';
import { describe, expectTypeOf, it } from 'vitest';

declare const xmppToken: XmppToken;

describe('onRejected', () => {
  it('gets the VerificationError and the Koa context', () => {
    verifyXmppToken({
      xmppToken,
      onRejected(error, context) {
        expectTypeOf(error).toEqualTypeOf<VerificationError>();
        expectTypeOf(context).toEqualTypeOf<Context>();
      },
    });
  });

  it('takes an async hook (not awaited) and the exported hook type', () => {
    const log: RejectionHook<Context> = async (error) => {
      await Promise.resolve(error.reason);
    };
    verifyXmppToken({ xmppToken, onRejected: log });
  });
});
