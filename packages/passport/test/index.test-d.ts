import type {
  RejectionHook,
  VerificationError as OnRejectedError,
  XmppTokenStrategyOptions as OnRejectedOptions,
} from '@xmpp-token/passport';
import { createXmppToken } from '@xmpp-token/core';
import {
  XmppTokenStrategy,
  fromCookie,
  fromHeader,
  type CredentialsExtractor,
  isXmppTokenError,
  type RejectionReason,
  type VerifiedCallback,
  type XmppTokenAuthInfo,
  type XmppTokenFailureInfo,
} from '@xmpp-token/passport';
import type { Request } from 'express';
import passport from 'passport';
import type { Strategy } from 'passport';
import { describe, expectTypeOf, it } from 'vitest';

interface AppUser {
  readonly id: number;
}
const xmppToken = createXmppToken({
  tokenSecret: 'x'.repeat(32),
  otpSeed: 'XVGR73KMZH2M4XMY',
  domain: 'example.com',
});
const findUser = async (jid: string): Promise<AppUser | undefined> => ({ id: jid.length });

describe('XmppTokenStrategy types', () => {
  it('is a Passport strategy named xmpp-token', () => {
    const strategy = new XmppTokenStrategy({ xmppToken }, findUser);
    expectTypeOf(strategy).toMatchTypeOf<Strategy>();
    expectTypeOf(strategy.name).toEqualTypeOf<'xmpp-token'>();
    passport.use(strategy);
  });

  it('defaults the user type to Express.User and infers it from verify', () => {
    expectTypeOf<XmppTokenStrategy>().toEqualTypeOf<XmppTokenStrategy<Express.User>>();
    expectTypeOf(new XmppTokenStrategy({ xmppToken }, findUser)).toEqualTypeOf<
      XmppTokenStrategy<AppUser>
    >();
  });

  it('accepts callback and promise verify functions', () => {
    new XmppTokenStrategy<AppUser>({ xmppToken }, (jid, done) => {
      expectTypeOf(jid).toBeString();
      expectTypeOf(done).toEqualTypeOf<VerifiedCallback<AppUser>>();
      done(null, { id: 1 }, { scope: 'chat' });
    });
    new XmppTokenStrategy<AppUser>({ xmppToken }, (_jid, done) => done(null, false));
    new XmppTokenStrategy<AppUser>({ xmppToken }, async (_jid, done) => {
      done(new Error('db down'));
    });
    new XmppTokenStrategy<AppUser>({ xmppToken }, async () => ({ id: 1 }));
    new XmppTokenStrategy<AppUser>({ xmppToken }, async (jid) => (jid ? { id: 1 } : false));
    // TypeScript widens a lone `false` in an async arrow whose contextual type is a union.
    new XmppTokenStrategy<AppUser>({ xmppToken }, async (): Promise<false> => false);
    new XmppTokenStrategy<AppUser>({ xmppToken }, async () => null);
  });

  it('checks the user type of both styles', () => {
    // @ts-expect-error: a promise of something that is not an AppUser
    new XmppTokenStrategy<AppUser>({ xmppToken }, async () => ({ name: 'alice' }));
    // @ts-expect-error: done given something that is not an AppUser
    new XmppTokenStrategy<AppUser>({ xmppToken }, (_jid, done) => done(null, 'alice'));
    // @ts-expect-error: a user, not a promise of one
    new XmppTokenStrategy<AppUser>({ xmppToken }, () => ({ id: 1 }));
  });

  it('passes the Express request first only with passReqToCallback: true', () => {
    new XmppTokenStrategy<AppUser>({ xmppToken, passReqToCallback: true }, async (req, jid) => {
      expectTypeOf(req).toEqualTypeOf<Request>();
      expectTypeOf(jid).toBeString();
      return { id: 1 };
    });
    new XmppTokenStrategy<AppUser>({ xmppToken, passReqToCallback: true }, (req, _jid, done) => {
      expectTypeOf(req).toEqualTypeOf<Request>();
      done(null, { id: 2 });
    });
    // @ts-expect-error: with passReqToCallback the JID is the second argument
    new XmppTokenStrategy<AppUser>({ xmppToken, passReqToCallback: true }, async (jid: string) => ({
      id: jid.length,
    }));
    new XmppTokenStrategy<AppUser>({ xmppToken, passReqToCallback: false }, async (jid) => {
      expectTypeOf(jid).toBeString();
      return undefined;
    });
  });

  it('takes core extractors, a list of them, or one over the Express request', () => {
    const fromQuery: CredentialsExtractor<Request> = ({ raw }) => {
      expectTypeOf(raw).toEqualTypeOf<Request>();
      return undefined;
    };
    new XmppTokenStrategy({ xmppToken, extract: fromHeader('x-xmpp-token') }, findUser);
    new XmppTokenStrategy({ xmppToken, extract: [fromQuery, fromCookie('xmpp')] }, findUser);
    // @ts-expect-error: an extractor returns credentials, not a string
    new XmppTokenStrategy({ xmppToken, extract: () => 'token' }, findUser);
    // @ts-expect-error: xmppToken is required
    new XmppTokenStrategy({ realm: 'xmpp' }, findUser);
  });

  it('describes req.authInfo after success', () => {
    expectTypeOf<XmppTokenAuthInfo['jid']>().toBeString();
    expectTypeOf<XmppTokenAuthInfo['expiresAt']>().toEqualTypeOf<Date>();
  });

  it('types req.authInfo?.jid on any Express request, as the README reads it', () => {
    const handler = (req: Request) => {
      expectTypeOf(req.authInfo?.jid).toEqualTypeOf<string | undefined>();
      expectTypeOf(req.authInfo?.expiresAt).toEqualTypeOf<Date | undefined>();
    };
    expectTypeOf(handler).toBeFunction();
  });

  it('gives custom callbacks a failure info that narrows to the VerificationError', () => {
    const onInfo = (info: XmppTokenFailureInfo) => {
      if (isXmppTokenError(info, 'ERR_XMPP_TOKEN_REJECTED')) {
        expectTypeOf(info.reason).toEqualTypeOf<RejectionReason>();
      }
    };
    expectTypeOf(onInfo).toBeFunction();
  });
});

it('types onRejected with the framework request: the exported RejectionHook', () => {
  type Hook = NonNullable<OnRejectedOptions['onRejected']>;
  expectTypeOf<Parameters<Hook>>().toEqualTypeOf<[OnRejectedError, Request]>();
  expectTypeOf<Hook>().toEqualTypeOf<RejectionHook<Request>>();
});
