import type {
  RejectionHook,
  VerificationError as OnRejectedError,
  VerifyXmppTokenOptions as OnRejectedOptions,
} from '@xmpp-token/fastify';
import fastifyAuth from '@fastify/auth';
import type { MintedToken, XmppToken } from '@xmpp-token/core';
import {
  fromCookie,
  fromHeader,
  type CredentialsExtractor,
  type XmppIdentity,
  fastifyXmppToken,
  verifyXmppToken,
  xmppCredentials,
  type FastifyXmppTokenOptions,
  type XmppAuthenticateHook,
  type XmppCredentialsHandler,
} from '@xmpp-token/fastify';
import fastify, {
  type FastifyPluginAsync,
  type FastifyReply,
  type FastifyRequest,
  type preHandlerAsyncHookHandler,
} from 'fastify';
import { describe, expectTypeOf, it } from 'vitest';

declare const xmppToken: XmppToken;

describe('declaration merging', () => {
  it('types request.xmpp and request.xmppToken, null when absent', () => {
    expectTypeOf<FastifyRequest['xmpp']>().toEqualTypeOf<XmppIdentity | null>();
    expectTypeOf<FastifyRequest['xmppToken']>().toEqualTypeOf<MintedToken | null>();
  });

  it('types the instance decorators', () => {
    const app = fastify();
    expectTypeOf(app.xmppAuthenticate).toEqualTypeOf<XmppAuthenticateHook>();
    expectTypeOf(app.xmppCredentials).toEqualTypeOf<XmppCredentialsHandler>();
  });

  it('gives route handlers the identity without a cast, in typed routes too', () => {
    const app = fastify();
    app.post<{ Body: { text: string } }>(
      '/api',
      { onRequest: app.xmppAuthenticate, preHandler: app.xmppAuthenticate },
      async (request) => {
        expectTypeOf(request.body.text).toBeString();
        expectTypeOf(request.xmpp?.jid).toEqualTypeOf<string | undefined>();
        expectTypeOf(request.xmpp?.expiresAt).toEqualTypeOf<Date | undefined>();
        expectTypeOf(request.xmppToken?.token).toEqualTypeOf<string | undefined>();
        return 'ok';
      },
    );
    app.addHook('onRequest', app.xmppAuthenticate);
    app.addHook('preHandler', verifyXmppToken({ xmppToken }));
    app.get('/xmpp/credentials', app.xmppCredentials);
    app.all('/creds', xmppCredentials({ xmppToken }));
  });

  it('composes with @fastify/auth', () => {
    const app = fastify();
    void app.register(fastifyAuth);
    const strategy = async (request: FastifyRequest, reply: FastifyReply) => {
      if (request.headers['x-api-key'] !== 'key-1') await reply.code(401).send();
    };
    app.get('/', { preHandler: app.auth([app.xmppAuthenticate, strategy]) }, async () => 'ok');
    expectTypeOf(app.xmppAuthenticate).toExtend<preHandlerAsyncHookHandler>();
  });
});

describe('plugin and factories', () => {
  it('is a Fastify plugin taking the options', () => {
    expectTypeOf(fastifyXmppToken).toExtend<FastifyPluginAsync<FastifyXmppTokenOptions>>();
    void fastify().register(fastifyXmppToken, { xmppToken, issueHook: 'preValidation' });
    // @ts-expect-error xmppToken is required
    void fastify().register(fastifyXmppToken, { debug: true });
    // @ts-expect-error issueHook names one of three hooks, or false
    void fastify().register(fastifyXmppToken, { xmppToken, issueHook: 'onSend' });
  });

  it('types identity and extractors with the Fastify request', () => {
    expectTypeOf<FastifyXmppTokenOptions['identity']>().toEqualTypeOf<
      ((request: FastifyRequest) => unknown) | undefined
    >();
    const custom: CredentialsExtractor<FastifyRequest> = ({ raw }) => {
      expectTypeOf(raw).toEqualTypeOf<FastifyRequest>();
      return undefined;
    };
    verifyXmppToken({
      xmppToken,
      extract: [fromHeader('x-xmpp-token'), fromCookie('xmpp'), custom],
    });
    // @ts-expect-error credentialsRequired is a boolean
    verifyXmppToken({ xmppToken, credentialsRequired: 'no' });
    // @ts-expect-error passError is the Express adapter's option; Fastify has its error handler
    verifyXmppToken({ xmppToken, passError: true });
  });
});

it('types onRejected with the framework request: the exported RejectionHook', () => {
  type Hook = NonNullable<OnRejectedOptions['onRejected']>;
  expectTypeOf<Parameters<Hook>>().toEqualTypeOf<[OnRejectedError, FastifyRequest]>();
  expectTypeOf<Hook>().toEqualTypeOf<RejectionHook<FastifyRequest>>();
});
