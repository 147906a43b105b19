import fastifyXmppTokenDefault, { fastifyXmppToken } from '@xmpp-token/fastify';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import {
  countingToken,
  createTestToken,
  FASTIFY_VERSIONS,
  recordErrors,
  sessionApp,
} from './fixtures.js';

describe.each(FASTIFY_VERSIONS)('fastifyXmppToken on $name', (version) => {
  const { fastify } = version;

  function tokenRoutes(app: FastifyInstance) {
    app.get('/token', async (request) => {
      const minted = request.xmppToken;
      return minted === null ? { anonymous: true } : { jid: minted.jid, token: minted.token };
    });
    app.get('/plain', async () => 'no token read');
  }

  it('runs on the major it claims', () => {
    expect(fastify().version.split('.')[0]).toBe(version.name.slice(-1));
  });

  it('mints for an @fastify/session user, only when a route reads request.xmppToken', async () => {
    const { xmppToken, mint } = countingToken();
    const { app, signIn } = await sessionApp(version);
    await app.register(fastifyXmppToken, { xmppToken });
    tokenRoutes(app);
    const cookies = await signIn('Alice');

    expect((await app.inject({ url: '/plain', cookies })).body).toBe('no token read');
    expect(mint).not.toHaveBeenCalled();

    const body = (await app.inject({ url: '/token', cookies })).json();
    expect(mint).toHaveBeenCalledTimes(1);
    expect(body.jid).toBe('alice@example.test');
    await expect(xmppToken.verify('alice', body.token)).resolves.toMatchObject({ ok: true });
  });

  it('mints for request.user set by an earlier hook (as @fastify/passport does)', async () => {
    const { xmppToken, mint } = countingToken();
    const app = fastify();
    app.decorateRequest('user', null);
    app.addHook('preValidation', async (request) => {
      (request as FastifyRequest & { user: unknown }).user = { username: 'bob' };
    });
    await app.register(fastifyXmppToken, { xmppToken });
    tokenRoutes(app);
    const body = (await app.inject({ url: '/token' })).json();
    expect(body.jid).toBe('bob@example.test');
    expect(mint).toHaveBeenCalledTimes(1);
  });

  it('leaves anonymous requests with a null token and mints nothing', async () => {
    const { xmppToken, mint } = countingToken();
    const { app } = await sessionApp(version);
    await app.register(fastifyXmppToken, { xmppToken });
    tokenRoutes(app);
    expect((await app.inject({ url: '/token' })).json()).toEqual({ anonymous: true });
    expect(mint).not.toHaveBeenCalled();
  });

  it('mints once per request, keeps the token out of Object.keys, lets the app replace it', async () => {
    const { xmppToken, mint } = countingToken();
    const app = fastify();
    await app.register(fastifyXmppToken, { xmppToken, identity: async () => 'carol' });
    app.get('/', async (request) => {
      const keys = Object.keys(request).includes('xmppToken');
      const same = request.xmppToken?.token === request.xmppToken?.token;
      request.xmppToken = { jid: 'set@by.app', token: 't', expiresAt: new Date(0) };
      return { keys, same, replaced: request.xmppToken.jid };
    });
    const body = (await app.inject({ url: '/' })).json();
    expect(body).toEqual({ keys: false, same: true, replaced: 'set@by.app' });
    expect(mint).toHaveBeenCalledTimes(1);
  });

  it('reads the user in the hook named by issueHook, or in none with false', async () => {
    const readers = { onRequest: 'early', preHandler: 'late' } as const;
    for (const [issueHook, expected] of Object.entries(readers)) {
      const app = fastify();
      app.decorateRequest('stage', 'early');
      app.addHook('preValidation', async (request) => {
        (request as FastifyRequest & { stage: string }).stage = 'late';
      });
      await app.register(fastifyXmppToken, {
        xmppToken: createTestToken(),
        identity: (request) => (request as FastifyRequest & { stage: string }).stage,
        issueHook: issueHook as keyof typeof readers,
      });
      app.get('/', async (request) => request.xmppToken?.jid);
      expect((await app.inject({ url: '/' })).body).toBe(`${expected}@example.test`);
    }
    const off = fastify();
    await off.register(fastifyXmppToken, {
      xmppToken: createTestToken(),
      identity: () => 'eve',
      issueHook: false,
    });
    off.get('/', async (request) => ({ token: request.xmppToken }));
    expect((await off.inject({ url: '/' })).json()).toEqual({ token: null });
  });

  it('sends an identity function error, or an unusable identity, to the error handler', async () => {
    const app = fastify();
    const errors = recordErrors(app);
    await app.register(async (scope) => {
      await scope.register(fastifyXmppToken, {
        xmppToken: createTestToken(),
        identity: () => Promise.reject(new Error('user lookup failed')),
      });
      scope.get('/throws', async () => 'unreachable');
    });
    await app.register(async (scope) => {
      await scope.register(fastifyXmppToken, {
        xmppToken: createTestToken(),
        identity: () => 'no body@x@y',
      });
      scope.get('/invalid', async () => 'unreachable');
    });
    expect((await app.inject({ url: '/throws' })).statusCode).toBe(500);
    expect((await app.inject({ url: '/invalid' })).statusCode).toBe(500);
    expect(errors).toMatchObject([
      { message: 'user lookup failed' },
      { code: 'ERR_XMPP_TOKEN_INVALID_JID' },
    ]);
  });

  it('respects encapsulation: decorates and hooks only the scope it is registered in', async () => {
    const { xmppToken, mint } = countingToken();
    const app = fastify();
    const seen: Record<string, boolean> = {};
    await app.register(async (chat) => {
      await chat.register(fastifyXmppToken, { xmppToken, identity: () => 'frank' });
      seen.chat = chat.hasDecorator('xmppAuthenticate') && chat.hasRequestDecorator('xmppToken');
      chat.get('/chat', async (request) => request.xmppToken?.jid);
    });
    await app.register(async (other) => {
      seen.other = other.hasDecorator('xmppAuthenticate') || other.hasRequestDecorator('xmppToken');
      other.get('/other', async (request) => ({ token: request.xmppToken ?? 'absent' }));
    });
    await app.ready();
    expect(seen).toEqual({ chat: true, other: false });
    expect(app.hasDecorator('xmppCredentials')).toBe(false);
    expect((await app.inject({ url: '/chat' })).body).toBe('frank@example.test');
    expect((await app.inject({ url: '/other' })).json()).toEqual({ token: 'absent' });
    expect(mint).toHaveBeenCalledTimes(1);
  });

  it('is a named fastify-plugin, registered once a scope', async () => {
    expect(fastifyXmppTokenDefault).toBe(fastifyXmppToken);
    const app = fastify();
    await app.register(fastifyXmppToken, { xmppToken: createTestToken() });
    expect(app.hasPlugin('@xmpp-token/fastify')).toBe(true);
    await expect(app.register(fastifyXmppToken, { xmppToken: createTestToken() })).rejects.toThrow(
      /already/,
    );
  });
});
