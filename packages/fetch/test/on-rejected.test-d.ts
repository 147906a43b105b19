import type { VerificationError, XmppToken } from '@xmpp-token/core';
import { verifyXmppToken, type RejectionHook } from '@xmpp-token/fetch';

import { describe, expectTypeOf, it } from 'vitest';

declare const xmppToken: XmppToken;

describe('onRejected', () => {
  it('gets the VerificationError and the web Request', () => {
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
