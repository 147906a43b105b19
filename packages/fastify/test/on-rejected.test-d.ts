import type { VerificationError, XmppToken } from '@xmpp-token/core';
import { verifyXmppToken, type RejectionHook } from '@xmpp-token/fastify';
import type { FastifyRequest } from 'fastify';
import { describe, expectTypeOf, it } from 'vitest';

declare const xmppToken: XmppToken;

describe('onRejected', () => {
  it('gets the VerificationError and the Fastify request', () => {
    verifyXmppToken({
      xmppToken,
      onRejected(error, context) {
        expectTypeOf(error).toEqualTypeOf<VerificationError>();
        expectTypeOf(context).toEqualTypeOf<FastifyRequest>();
      },
    });
  });

  it('takes an async hook (not awaited) and the exported hook type', () => {
    const log: RejectionHook<FastifyRequest> = async (error) => {
      await Promise.resolve(error.reason);
    };
    verifyXmppToken({ xmppToken, onRejected: log });
  });
});
