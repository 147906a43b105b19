import type {
  RejectionHook,
  VerificationError as OnRejectedError,
  VerifyXmppTokenOptions as OnRejectedOptions,
} from '@xmpp-token/express';
import { type MintedToken, type XmppToken } from '@xmpp-token/core';
import {
  fromCookie,
  fromHeader,
  type CredentialsExtractor,
  type XmppIdentity,
} from '@xmpp-token/core/adapter';
import {
  issueXmppToken,
  verifyXmppToken,
  xmppCredentials,
  type IssueXmppTokenOptions,
  type VerifyXmppTokenOptions,
} from '@xmpp-token/express';
import type { Request, RequestHandler, Response } from 'express';
import { describe, expectTypeOf, it } from 'vitest';

declare const xmppToken: XmppToken;

describe('Express Request augmentation', () => {
  it('adds optional, typed req.xmppToken and req.xmpp', () => {
    expectTypeOf<Request['xmppToken']>().toEqualTypeOf<MintedToken | undefined>();
    expectTypeOf<Request['xmpp']>().toEqualTypeOf<XmppIdentity | undefined>();
    expectTypeOf<Response['locals']['xmppToken']>().toEqualTypeOf<MintedToken | undefined>();
    // Optional, so handlers typed before the middleware ran (or without it) still compile.
    expectTypeOf<Request>().toMatchTypeOf<{ xmpp?: XmppIdentity; xmppToken?: MintedToken }>();
  });

  it('gives handlers the identity fields without a cast', () => {
    const handler: RequestHandler = (req, res) => {
      expectTypeOf(req.xmpp?.jid).toEqualTypeOf<string | undefined>();
      expectTypeOf(req.xmpp?.expiresAt).toEqualTypeOf<Date | undefined>();
      expectTypeOf(req.xmppToken?.token).toEqualTypeOf<string | undefined>();
      expectTypeOf(res.locals.xmppToken?.jid).toEqualTypeOf<string | undefined>();
    };
    expectTypeOf(handler).toBeFunction();
  });
});

describe('factories', () => {
  it('return Express request handlers', () => {
    expectTypeOf(issueXmppToken({ xmppToken })).toEqualTypeOf<RequestHandler>();
    expectTypeOf(xmppCredentials({ xmppToken })).toEqualTypeOf<RequestHandler>();
    expectTypeOf(verifyXmppToken({ xmppToken })).toEqualTypeOf<RequestHandler>();
  });

  it('type the identity function with the Express request, sync or async', () => {
    expectTypeOf<IssueXmppTokenOptions['identity']>().toEqualTypeOf<
      ((req: Request) => unknown) | undefined
    >();
    issueXmppToken({ xmppToken, identity: async (req) => req.get('x-user') });
    // @ts-expect-error xmppToken is required
    issueXmppToken({});
  });

  it('accept core extractors, lists, and extractors over the Express request', () => {
    const custom: CredentialsExtractor<Request> = ({ raw }) => {
      expectTypeOf(raw).toEqualTypeOf<Request>();
      return undefined;
    };
    verifyXmppToken({ xmppToken, extract: fromHeader('x-xmpp-token') });
    verifyXmppToken({ xmppToken, extract: [fromCookie('xmpp'), custom] });
    expectTypeOf<VerifyXmppTokenOptions['passError']>().toEqualTypeOf<boolean | undefined>();
    // @ts-expect-error credentialsRequired is a boolean
    verifyXmppToken({ xmppToken, credentialsRequired: 'no' });
  });
});

it('types onRejected with the framework request: the exported RejectionHook', () => {
  type Hook = NonNullable<OnRejectedOptions['onRejected']>;
  expectTypeOf<Parameters<Hook>>().toEqualTypeOf<[OnRejectedError, Request]>();
  expectTypeOf<Hook>().toEqualTypeOf<RejectionHook<Request>>();
});
