import type {
  RejectionHook,
  VerificationError as OnRejectedError,
  VerifyXmppTokenOptions as OnRejectedOptions,
} from '@xmpp-token/fetch';
import type { XmppToken } from '@xmpp-token/core';
import {
  fromHeader,
  type CredentialsExtractor,
  type VerificationError,
  type XmppIdentity,
  credentialsResponse,
  verifyXmppToken,
  xmppCredentials,
  type XmppVerification,
} from '@xmpp-token/fetch';
import { describe, expectTypeOf, it } from 'vitest';

declare const xmppToken: XmppToken;

describe('@xmpp-token/fetch types', () => {
  it('verifies a Request into a discriminated result', async () => {
    const verify = verifyXmppToken({ xmppToken });
    expectTypeOf(verify).toEqualTypeOf<(request: Request) => Promise<XmppVerification>>();
    const result = await verify(new Request('https://app.example/'));
    if (result.ok) {
      expectTypeOf(result.identity).toEqualTypeOf<XmppIdentity | undefined>();
    } else {
      expectTypeOf(result.response).toEqualTypeOf<Response>();
      expectTypeOf(result.error).toEqualTypeOf<VerificationError>();
    }
  });

  it('is a route handler (Next.js GET, Bun.serve fetch) for credentials', () => {
    const GET = xmppCredentials({
      xmppToken,
      identity: async (request) => request.headers.get('x-user'),
    });
    expectTypeOf(GET).toEqualTypeOf<(request: Request) => Promise<Response>>();
    expectTypeOf(credentialsResponse).returns.toEqualTypeOf<Response>();
    // @ts-expect-error identity is required
    xmppCredentials({ xmppToken });
  });

  it('takes extractors over the Request', () => {
    const custom: CredentialsExtractor<Request> = ({ raw }) => {
      expectTypeOf(raw).toEqualTypeOf<Request>();
      return undefined;
    };
    verifyXmppToken({ xmppToken, extract: [fromHeader('x-xmpp-token'), custom] });
    // @ts-expect-error credentialsRequired is a boolean
    verifyXmppToken({ xmppToken, credentialsRequired: 'no' });
  });
});

it('types onRejected with the framework request: the exported RejectionHook', () => {
  type Hook = NonNullable<OnRejectedOptions['onRejected']>;
  expectTypeOf<Parameters<Hook>>().toEqualTypeOf<[OnRejectedError, Request]>();
  expectTypeOf<Hook>().toEqualTypeOf<RejectionHook<Request>>();
});
