// The public options' key types: one key or a rotation list, for the secret and the seed alike.
import { createXmppToken, type XmppTokenOptions } from '@xmpp-token/core';
import { describe, expectTypeOf, it } from 'vitest';

describe('XmppTokenOptions keys', () => {
  it('tokenSecret and otpSeed each take a string or a readonly list of strings', () => {
    expectTypeOf<XmppTokenOptions['tokenSecret']>().toEqualTypeOf<string | readonly string[]>();
    expectTypeOf<XmppTokenOptions['otpSeed']>().toEqualTypeOf<string | readonly string[]>();
    const seeds = ['JBSWY3DPEHPK3PXP', 'GEZDGNBVGY3TQOJQ'] as const;
    expectTypeOf(createXmppToken).toBeCallableWith({
      tokenSecret: ['a-token-secret-of-16-bytes', 'another-secret-of-16-bytes'],
      otpSeed: seeds,
      domain: 'example.com',
    });
    // @ts-expect-error a seed is base32 text, not bytes
    createXmppToken({ tokenSecret: 'a-token-secret-of-16-bytes', otpSeed: [new Uint8Array(10)] });
  });
});
