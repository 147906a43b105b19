import type { VerificationError, XmppToken } from '@xmpp-token/core';
import { XmppTokenStrategy, type RejectionHook } from '@xmpp-token/passport';
import type { Request } from 'express';
import { describe, expectTypeOf, it } from 'vitest';

declare const xmppToken: XmppToken;

describe('onRejected', () => {
  it('gets the VerificationError and the request', () => {
    new XmppTokenStrategy(
      {
        xmppToken,
        onRejected(error, context) {
          expectTypeOf(error).toEqualTypeOf<VerificationError>();
          expectTypeOf(context).toEqualTypeOf<Request>();
        },
      },
      (jid, done) => done(null, { jid }),
    );
  });

  it('takes an async hook (not awaited) and the exported hook type', () => {
    const log: RejectionHook<Request> = async (error) => {
      await Promise.resolve(error.reason);
    };
    new XmppTokenStrategy({ xmppToken, onRejected: log }, (jid, done) => done(null, { jid }));
  });
});
