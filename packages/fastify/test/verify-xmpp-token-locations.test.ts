import { encodeSaslResponse } from '@xmpp-token/core';
import {
  fromAuthorizationHeader,
  fromBody,
  fromCookie,
  fromHeader,
  verifyXmppToken,
  type CredentialsExtractor,
  type VerifyXmppTokenOptions,
} from '@xmpp-token/fastify';
import type { FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { createTestToken, FASTIFY_VERSIONS, recordErrors } from './fixtures.js';

// Extractors read the request through core's view of it: headers, cookies, body, raw.
describe.each(FASTIFY_VERSIONS)('token locations on $name', ({ fastify, cookie }) => {
  async function apiApp(
    options: Omit<VerifyXmppTokenOptions, 'xmppToken'>,
    hook: 'onRequest' | 'preHandler' = 'preHandler',
  ) {
    const xmppToken = createTestToken();
    const app = fastify();
    await app.register(cookie);
    const errors = recordErrors(app);
    app.post(
      '/api',
      { [hook]: verifyXmppToken({ xmppToken, debug: true, ...options }) },
      async (request) => ({
        jid: request.xmpp?.jid,
      }),
    );
    const sasl = (user = 'alice') =>
      encodeSaslResponse({ authcid: user, token: xmppToken.mint(user).token });
    return { app, xmppToken, sasl, errors };
  }

  it('reads a custom header', async () => {
    const { app, sasl } = await apiApp({ extract: fromHeader('X-XMPP-Token') });
    const ok = await app.inject({
      method: 'POST',
      url: '/api',
      headers: { 'x-xmpp-token': sasl() },
    });
    expect(ok.json()).toEqual({ jid: 'alice@example.test' });
    const elsewhere = await app.inject({
      method: 'POST',
      url: '/api',
      headers: { authorization: `X-TOKEN ${sasl()}` },
    });
    expect(elsewhere.statusCode).toBe(401);
  });

  it('reads a cookie parsed by @fastify/cookie', async () => {
    const { app, sasl } = await apiApp({ extract: fromCookie('xmpp') });
    const ok = await app.inject({ method: 'POST', url: '/api', cookies: { xmpp: sasl('bob') } });
    expect(ok.json()).toEqual({ jid: 'bob@example.test' });
    const none = await app.inject({ method: 'POST', url: '/api' });
    expect(none.json().message).toMatch(/credentials_required/);
  });

  it('reads a JSON body { jid, token } in preHandler, after Fastify parsed it', async () => {
    const { app, xmppToken } = await apiApp({ extract: fromBody() });
    const { jid, token } = xmppToken.mint('carol@example.test');
    const ok = await app.inject({ method: 'POST', url: '/api', payload: { jid, token } });
    expect(ok.json()).toEqual({ jid: 'carol@example.test' });
    const bad = await app.inject({ method: 'POST', url: '/api', payload: { jid, token: 42 } });
    expect(bad.json().message).toMatch(/malformed/);
  });

  it('finds no body yet in onRequest, as @fastify/auth warns', async () => {
    const { app, xmppToken } = await apiApp({ extract: fromBody() }, 'onRequest');
    const { jid, token } = xmppToken.mint('carol');
    const early = await app.inject({ method: 'POST', url: '/api', payload: { jid, token } });
    expect(early.statusCode).toBe(401);
    expect(early.json().message).toMatch(/credentials_required/);
  });

  it('runs a custom async extractor with the Fastify request as raw', async () => {
    const seen: string[] = [];
    const custom: CredentialsExtractor<FastifyRequest> = async ({ raw }) => {
      seen.push(raw.url);
      const { token } = raw.query as { token?: string };
      const user = raw.headers['x-user'];
      return typeof user === 'string' && token !== undefined ? { user, token } : undefined;
    };
    const { app, xmppToken } = await apiApp({ extract: custom });
    const { token } = xmppToken.mint('dave');
    const ok = await app.inject({
      method: 'POST',
      url: '/api',
      query: { token },
      headers: { 'x-user': 'dave' },
    });
    expect(ok.json()).toEqual({ jid: 'dave@example.test' });
    expect(seen).toHaveLength(1);
  });

  it('tries a list of locations in order; the first found decides', async () => {
    const { app, sasl, xmppToken } = await apiApp({
      extract: [fromAuthorizationHeader(), fromHeader('x-xmpp-token'), fromBody()],
    });
    const byHeader = await app.inject({
      method: 'POST',
      url: '/api',
      headers: { 'x-xmpp-token': sasl('erin') },
    });
    expect(byHeader.json()).toEqual({ jid: 'erin@example.test' });
    const { jid, token } = xmppToken.mint('frank');
    const byBody = await app.inject({ method: 'POST', url: '/api', payload: { jid, token } });
    expect(byBody.json()).toEqual({ jid: 'frank@example.test' });
    const first = await app.inject({
      method: 'POST',
      url: '/api',
      headers: { authorization: 'X-TOKEN AGZyYW5rAHg=' },
      payload: xmppToken.mint('frank'),
    });
    expect(first.json().message).toMatch(/malformed/);
  });

  it('sends an extractor that throws to the error handler, a 500', async () => {
    const { app, errors } = await apiApp({
      extract: () => {
        throw new Error('extractor bug');
      },
    });
    expect((await app.inject({ method: 'POST', url: '/api' })).statusCode).toBe(500);
    expect(errors).toMatchObject([{ message: 'extractor bug' }]);
  });
});
