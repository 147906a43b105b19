import { isXmppTokenError, type XmppToken } from '@xmpp-token/core';
import {
  fastifyXmppToken,
  verifyXmppToken,
  type FastifyXmppTokenOptions,
} from '@xmpp-token/fastify';
import { describe, expect, it } from 'vitest';
import {
  CHALLENGE,
  clockedToken,
  createTestToken,
  FAILING_STORES,
  FASTIFY_VERSIONS,
  GARBAGE_HEADERS,
  GENERIC,
  header,
  recordErrors,
  REFUSALS,
} from './fixtures.js';

describe.each(FASTIFY_VERSIONS)('verifying hook on $name', ({ fastify }) => {
  /** `GET /api` behind the plugin's `xmppAuthenticate` as an onRequest hook. */
  async function apiApp(options: FastifyXmppTokenOptions) {
    const app = fastify();
    await app.register(fastifyXmppToken, options);
    const errors = recordErrors(app);
    app.route({
      method: ['GET', 'POST', 'OPTIONS'],
      url: '/api',
      onRequest: app.xmppAuthenticate,
      handler: async (request) => ({
        jid: request.xmpp?.jid ?? null,
        expiresAt: request.xmpp?.expiresAt.toISOString() ?? null,
      }),
    });
    return { app, errors };
  }

  const get = async (options: FastifyXmppTokenOptions, authorization?: string) => {
    const { app, errors } = await apiApp(options);
    const headers = authorization === undefined ? {} : { authorization };
    return { response: await app.inject({ url: '/api', headers }), errors };
  };

  it('accepts a valid token and sets request.xmpp', async () => {
    const { xmppToken, mintAt } = clockedToken();
    const minted = mintAt(0);
    const { response } = await get({ xmppToken }, header('alice', minted.token));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      jid: 'alice@example.test',
      expiresAt: minted.expiresAt.toISOString(),
    });
  });

  it.each(REFUSALS)('answers 401 with a challenge for %s', async (reason, authorization) => {
    const { xmppToken, mintAt } = clockedToken();
    const value = authorization(mintAt);
    const { response, errors } = await get({ xmppToken }, value);
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toBe(CHALLENGE);
    expect(response.json()).toEqual({
      statusCode: 401,
      code: 'ERR_XMPP_TOKEN_REJECTED',
      error: 'Unauthorized',
      message: GENERIC,
    });
    expect(errors).toMatchObject([{ reason, status: 401, statusCode: 401 }]);

    const debug = await get({ xmppToken, debug: true }, value);
    expect(debug.response.statusCode).toBe(401);
    expect(debug.response.json().message).toBe(`${GENERIC} (${reason})`);
  });

  it('rejects the second use of a token as replayed', async () => {
    const { xmppToken, mintAt } = clockedToken();
    const { app } = await apiApp({ xmppToken, debug: true });
    const authorization = header('alice', mintAt(0).token);
    expect((await app.inject({ url: '/api', headers: { authorization } })).statusCode).toBe(200);
    const second = await app.inject({ url: '/api', headers: { authorization } });
    expect(second.statusCode).toBe(401);
    expect(second.headers['www-authenticate']).toBe(CHALLENGE);
    expect(second.json().message).toBe(`${GENERIC} (replayed)`);
  });

  it.each(GARBAGE_HEADERS)('answers malformed for the garbage header %#', async (authorization) => {
    const { response } = await get({ xmppToken: createTestToken(), debug: true }, authorization);
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toBe(CHALLENGE);
    expect(response.json().message).toBe(`${GENERIC} (malformed)`);
  });

  it('answers credentials_required, with a bare quoted challenge, when no X-TOKEN is sent', async () => {
    for (const authorization of [undefined, 'Bearer abc.def.ghi', 'Basic YWxpY2U6cHc=']) {
      const options = { xmppToken: createTestToken(), debug: true, realm: 'chat "one"' };
      const { response } = await get(options, authorization);
      expect(response.statusCode).toBe(401);
      expect(response.headers['www-authenticate']).toBe('X-TOKEN realm="chat \\"one\\""');
      expect(response.json().message).toBe(`${GENERIC} (credentials_required)`);
    }
  });

  it('credentialsRequired: false lets anonymous requests through but still refuses bad tokens', async () => {
    const { xmppToken, mintAt } = clockedToken();
    const { app } = await apiApp({ xmppToken, credentialsRequired: false });
    const anonymous = await app.inject({ url: '/api' });
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.json()).toEqual({ jid: null, expiresAt: null });
    const forged = header('bob', mintAt(0).token);
    expect((await app.inject({ url: '/api', headers: { authorization: forged } })).statusCode).toBe(
      401,
    );
    const garbage = await app.inject({ url: '/api', headers: { authorization: 'X-TOKEN !!!' } });
    expect(garbage.statusCode).toBe(401);
    const valid = header('alice', mintAt(0).token);
    expect((await app.inject({ url: '/api', headers: { authorization: valid } })).json().jid).toBe(
      'alice@example.test',
    );
  });

  it.each(FAILING_STORES)(
    'answers 500, never an accept, when the replay store %s',
    async (_, remember) => {
      const { xmppToken, mintAt } = clockedToken({ remember });
      for (const credentialsRequired of [true, false]) {
        const authorization = header('alice', mintAt(0).token);
        const { response, errors } = await get({ xmppToken, credentialsRequired }, authorization);
        expect(response.statusCode).toBe(500);
        expect(response.headers['www-authenticate']).toBeUndefined();
        expect(response.json()).toMatchObject({ code: 'ERR_XMPP_TOKEN_STORE' });
        expect(isXmppTokenError(errors[0], 'ERR_XMPP_TOKEN_STORE')).toBe(true);
        expect(errors[0]).toMatchObject({ reason: 'store_failure', statusCode: 500 });
        expect((errors[0] as Error).cause).toMatchObject({ message: 'redis down' });
      }
    },
  );

  it('hands a custom error handler a typed error with statusCode, reason and headers', async () => {
    const app = fastify();
    await app.register(fastifyXmppToken, { xmppToken: createTestToken() });
    app.setErrorHandler((error, _request, reply) => {
      if (!isXmppTokenError(error, 'ERR_XMPP_TOKEN_REJECTED')) return reply.send(error);
      const { statusCode, reason, headers } = error as typeof error & Record<string, unknown>;
      return reply
        .code(statusCode as number)
        .headers(headers as object)
        .send({ reason });
    });
    app.get('/api', { onRequest: app.xmppAuthenticate }, async () => 'unreachable');
    const response = await app.inject({ url: '/api', headers: { authorization: 'X-TOKEN !!!' } });
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toBe(CHALLENGE);
    expect(response.json()).toEqual({ reason: 'malformed' });
  });

  it('lets a CORS preflight pass untouched, but not a plain OPTIONS', async () => {
    const { app } = await apiApp({ xmppToken: createTestToken() });
    const preflight = await app.inject({
      method: 'OPTIONS',
      url: '/api',
      headers: { origin: 'https://chat.example', 'access-control-request-method': 'GET' },
    });
    expect(preflight.statusCode).toBe(200);
    expect((await app.inject({ method: 'OPTIONS', url: '/api' })).statusCode).toBe(401);
  });

  it('works as a route preHandler and from the standalone factory, without the plugin', async () => {
    const { xmppToken, mintAt } = clockedToken();
    const app = fastify();
    app.get(
      '/api',
      { preHandler: verifyXmppToken({ xmppToken, credentialsRequired: false }) },
      async (request) => ({ jid: request.xmpp?.jid, anonymous: request.xmpp === null }),
    );
    const authorization = header('carol', mintAt(0, 'carol').token);
    expect((await app.inject({ url: '/api', headers: { authorization } })).json()).toEqual({
      jid: 'carol@example.test',
      anonymous: false,
    });
    expect((await app.inject({ url: '/api' })).json()).toEqual({ anonymous: true });
  });

  it('guards every route of a scope as an onRequest hook', async () => {
    const { xmppToken, mintAt } = clockedToken();
    const app = fastify();
    await app.register(fastifyXmppToken, { xmppToken });
    app.get('/public', async () => 'open');
    await app.register(async (api) => {
      api.addHook('onRequest', api.xmppAuthenticate);
      api.get('/me', async (request) => request.xmpp?.jid);
    });
    expect((await app.inject({ url: '/public' })).body).toBe('open');
    expect((await app.inject({ url: '/me' })).statusCode).toBe(401);
    const authorization = header('dave', mintAt(0, 'dave').token);
    expect((await app.inject({ url: '/me', headers: { authorization } })).body).toBe(
      'dave@example.test',
    );
  });

  it('throws at construction without xmppToken', async () => {
    expect(() => verifyXmppToken({ xmppToken: undefined as unknown as XmppToken })).toThrow(
      /xmppToken is required/,
    );
    const app = fastify();
    await expect(app.register(fastifyXmppToken, {} as FastifyXmppTokenOptions)).rejects.toThrow(
      /xmppToken is required/,
    );
  });
});
