import { fastifyXmppToken } from '@xmpp-token/fastify';
import type { FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { CHALLENGE, clockedToken, FASTIFY_VERSIONS, header } from './fixtures.js';

// @fastify/auth's own README strategy: a decorator that throws a 401 when it does not accept.
async function verifyApiKey(request: FastifyRequest): Promise<void> {
  if (request.headers['x-api-key'] !== 'key-1') {
    throw Object.assign(new Error('bad API key'), { statusCode: 401 });
  }
}

describe.each(FASTIFY_VERSIONS)('with @fastify/auth on $name', ({ fastify, auth }) => {
  async function authApp(relation: 'or' | 'and', order: 'xmpp-last' | 'xmpp-first') {
    const { xmppToken, mintAt } = clockedToken();
    const app = fastify();
    await app.register(auth);
    await app.register(fastifyXmppToken, { xmppToken });
    const strategies =
      order === 'xmpp-last'
        ? [verifyApiKey, app.xmppAuthenticate]
        : [app.xmppAuthenticate, verifyApiKey];
    app.get('/api', { onRequest: app.auth(strategies, { relation }) }, async (request) => ({
      jid: request.xmpp?.jid ?? null,
    }));
    const authorization = () => header('alice', mintAt(0).token);
    return { app, authorization };
  }

  it('or: either an X-TOKEN or the other strategy lets the request in', async () => {
    const { app, authorization } = await authApp('or', 'xmpp-first');
    const byToken = await app.inject({ url: '/api', headers: { authorization: authorization() } });
    expect(byToken.json()).toEqual({ jid: 'alice@example.test' });
    const byKey = await app.inject({ url: '/api', headers: { 'x-api-key': 'key-1' } });
    expect(byKey.json()).toEqual({ jid: null });
  });

  it('or: when every strategy refuses, our challenge goes out if ours refused last', async () => {
    const { app } = await authApp('or', 'xmpp-last');
    const response = await app.inject({ url: '/api', headers: { authorization: 'X-TOKEN !!!' } });
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toBe(CHALLENGE);
    expect(response.json()).toMatchObject({ code: 'ERR_XMPP_TOKEN_REJECTED' });
  });

  it('and: both are required, and a replayed token is refused', async () => {
    const { app, authorization } = await authApp('and', 'xmpp-first');
    const value = authorization();
    const both = await app.inject({
      url: '/api',
      headers: { authorization: value, 'x-api-key': 'key-1' },
    });
    expect(both.json()).toEqual({ jid: 'alice@example.test' });
    const keyOnly = await app.inject({ url: '/api', headers: { 'x-api-key': 'key-1' } });
    expect(keyOnly.statusCode).toBe(401);
    expect(keyOnly.headers['www-authenticate']).toBe('X-TOKEN realm="xmpp"');
    const replayed = await app.inject({
      url: '/api',
      headers: { authorization: value, 'x-api-key': 'key-1' },
    });
    expect(replayed.statusCode).toBe(401);
    expect(replayed.headers['www-authenticate']).toBe(CHALLENGE);
  });
});
