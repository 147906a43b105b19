import type { VerificationError, XmppToken } from '@xmpp-token/core';
import { verifyXmppToken, type RejectionHook } from '@xmpp-token/express';
import type { Request } from 'express';
import { describe, expectTypeOf, it } from 'vitest';

declare const xmppToken: XmppToken;

describe('onRejected', () => {
  it('gets the VerificationError and the Express request', () => {
    verifyXmppToken({
      xmppToken,
      onRejected(error, context) {
        expectTypeOf(error).toEqualTypeOf<VerificationError>();
        expectTypeOf(context).toEqualTypeOf<Request>();
      },
    });
  });

  it('takes an async hook (not awaited) and the exported hook type', () => {
    const log: RejectionHook<Request> = async (error) => {
      await Promise.resolve(error.reason);
    };
    verifyXmppToken({ xmppToken, onRejected: log });
  });
});
