import type {
  RejectionHook,
  VerificationError as OnRejectedError,
  VerifyXmppTokenOptions as OnRejectedOptions,
} from '@xmpp-token/koa';
import Router from '@koa/router';
import { type MintedToken, type VerificationError } from '@xmpp-token/core';
import { fromCookie, type CredentialsExtractor, type XmppIdentity } from '@xmpp-token/core/adapter';
import {
  issueXmppToken,
  verifyXmppToken,
  xmppCredentials,
  type XmppState,
  type XmppTokenState,
} from '@xmpp-token/koa';
import Koa, { type Context, type Middleware } from 'koa';
import { describe, expectTypeOf, it } from 'vitest';
import { makeXmppToken } from './fixtures.js';

const xmppToken = makeXmppToken();

describe('state types', () => {
  it('app.use accumulates the state of both middleware', () => {
    new Koa<object>()
      .use(issueXmppToken({ xmppToken }))
      .use(verifyXmppToken({ xmppToken, passthrough: true }))
      .use((ctx) => {
        expectTypeOf(ctx.state.xmppToken).toEqualTypeOf<MintedToken | undefined>();
        expectTypeOf(ctx.state.xmpp).toEqualTypeOf<XmppIdentity | undefined>();
        expectTypeOf(ctx.state.xmppError).toEqualTypeOf<VerificationError | undefined>();
      });
  });

  it('a strict state does not have the properties before the middleware', () => {
    new Koa<object>().use((ctx) => {
      // @ts-expect-error: xmpp is only known after verifyXmppToken
      void ctx.state.xmpp;
    });
  });

  it('works on an app with the default (loose) state', () => {
    new Koa().use(verifyXmppToken({ xmppToken })).use((ctx) => {
      expectTypeOf(ctx.state.xmpp).toEqualTypeOf<XmppIdentity | undefined>();
      expectTypeOf(ctx.state.xmpp?.jid).toEqualTypeOf<string | undefined>();
    });
  });

  it('types the state inside an @koa/router route', () => {
    new Router().get('/me', verifyXmppToken({ xmppToken }), (ctx) => {
      expectTypeOf(ctx.state.xmpp).toEqualTypeOf<XmppIdentity | undefined>();
      expectTypeOf(ctx.params).toEqualTypeOf<Record<string, string>>();
    });
  });

  it('returns Koa middleware', () => {
    expectTypeOf(verifyXmppToken({ xmppToken })).toEqualTypeOf<Middleware<XmppState>>();
    expectTypeOf(issueXmppToken({ xmppToken })).toEqualTypeOf<Middleware<XmppTokenState>>();
    expectTypeOf(xmppCredentials({ xmppToken })).toExtend<Middleware>();
  });
});

describe('options', () => {
  it('takes core extractors and extractors typed for the Koa context', () => {
    const fromQuery: CredentialsExtractor<Context> = ({ raw }) => {
      expectTypeOf(raw).toEqualTypeOf<Context>();
      return undefined;
    };
    verifyXmppToken({ xmppToken, extract: [fromCookie('xmpp'), fromQuery] });
  });

  it('takes a sync or async identity from the context', () => {
    issueXmppToken({ xmppToken, identity: (ctx) => ctx.state.user });
    xmppCredentials({ xmppToken, identity: async (ctx) => ({ jid: ctx.get('x-user') }) });
  });

  it('rejects unknown and mistyped options', () => {
    // @ts-expect-error: xmppToken is required
    verifyXmppToken({ debug: true });
    // @ts-expect-error: passthrough is a boolean
    verifyXmppToken({ xmppToken, passthrough: 'yes' });
    // @ts-expect-error: passError is the Express adapter's option
    verifyXmppToken({ xmppToken, passError: true });
  });
});

it('types onRejected with the framework request: the exported RejectionHook', () => {
  type Hook = NonNullable<OnRejectedOptions['onRejected']>;
  expectTypeOf<Parameters<Hook>>().toEqualTypeOf<[OnRejectedError, Context]>();
  expectTypeOf<Hook>().toEqualTypeOf<RejectionHook<Context>>();
});
