import type {
  RejectionHook,
  VerificationError as OnRejectedError,
  VerifyXmppTokenOptions as OnRejectedOptions,
} from '@xmpp-token/hono';
import type { XmppToken } from '@xmpp-token/core';
import {
  fromCookie,
  type CredentialsExtractor,
  type MintedToken,
  type XmppIdentity,
  issueXmppToken,
  verifyXmppToken,
  xmppCredentials,
  type XmppTokenVariables,
  type XmppVariables,
} from '@xmpp-token/hono';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { describe, expectTypeOf, it } from 'vitest';

declare const xmppToken: XmppToken;

describe('typed variables', () => {
  it('types c.get("xmpp") in a route behind the middleware, as hono/jwt does', () => {
    new Hono().get('/me', verifyXmppToken({ xmppToken }), (c) => {
      expectTypeOf(c.get('xmpp')).toEqualTypeOf<XmppIdentity>();
      expectTypeOf(c.var.xmpp.jid).toBeString();
      return c.text('ok');
    });
  });

  it('types the identity as possibly absent when credentials are optional', () => {
    new Hono().get('/me', verifyXmppToken({ xmppToken, credentialsRequired: false }), (c) => {
      expectTypeOf(c.get('xmpp')).toEqualTypeOf<XmppIdentity | undefined>();
      return c.text('ok');
    });
    const optional: boolean = Math.random() > 0.5;
    expectTypeOf(verifyXmppToken({ xmppToken, credentialsRequired: optional })).toEqualTypeOf<
      MiddlewareHandler<{ Variables: Partial<XmppVariables> }>
    >();
  });

  it('types c.get("xmppToken") after issueXmppToken, and app-wide variables', () => {
    new Hono().use(issueXmppToken({ xmppToken, identity: () => 'alice' })).get('/', (c) => {
      expectTypeOf(c.get('xmppToken')).toEqualTypeOf<MintedToken | undefined>();
      return c.text('ok');
    });
    const app = new Hono<{ Variables: XmppVariables & XmppTokenVariables }>();
    app.use('/api/*', verifyXmppToken({ xmppToken }));
    app.get('/api/me', (c) => {
      expectTypeOf(c.get('xmpp').expiresAt).toEqualTypeOf<Date>();
      expectTypeOf(c.get('xmppToken')?.token).toEqualTypeOf<string | undefined>();
      return c.text('ok');
    });
  });

  it('keeps strict apps strict: no xmpp variable without the middleware', () => {
    new Hono().get('/', (c) => {
      // @ts-expect-error xmpp is only known behind verifyXmppToken
      void c.get('xmpp').jid;
      return c.text('ok');
    });
  });
});

describe('options', () => {
  interface AppEnv {
    Variables: { user?: { username: string } };
  }

  it('reads the app variables in identity with an annotated Context', () => {
    const identity = (c: Context<AppEnv>) => c.get('user');
    issueXmppToken({ xmppToken, identity });
    new Hono<AppEnv>().get('/xmpp/credentials', xmppCredentials({ xmppToken, identity }));
    // @ts-expect-error identity is required: Hono has no session of its own
    xmppCredentials({ xmppToken });
  });

  it('takes extractors over the web Request', () => {
    const fromQuery: CredentialsExtractor<Request> = ({ raw }) => {
      expectTypeOf(raw).toEqualTypeOf<Request>();
      return undefined;
    };
    verifyXmppToken({ xmppToken, extract: [fromCookie('xmpp'), fromQuery], realm: 'chat' });
    // @ts-expect-error debug is a boolean
    verifyXmppToken({ xmppToken, debug: 'yes' });
  });
});

it('types onRejected with the framework request: the exported RejectionHook', () => {
  type Hook = NonNullable<OnRejectedOptions['onRejected']>;
  expectTypeOf<Parameters<Hook>>().toEqualTypeOf<[OnRejectedError, Context]>();
  expectTypeOf<Hook>().toEqualTypeOf<RejectionHook<Context>>();
});
